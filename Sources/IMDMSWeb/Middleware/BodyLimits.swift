import Vapor

/// How much of a request body IMDMS reads. Files come only to the upload routes listed here; every
/// other form post is small, so the CSRF check (which must read the body to find its field) reads
/// at most `form` bytes there instead of the upload limit for every signed-in post.
enum BodyLimits {
    /// A file: a workbook, CSV, SDMX-CSV, traveller records, an assessment's evidence.
    static let upload = 64 * 1024 * 1024
    /// Any other signed-in form (a mapping, a comment, a user, a token).
    static let form = 1024 * 1024
    /// Posts without a session (the login form).
    static let anonymous = 64 * 1024

    /// The web routes that take files (`*`: one path parameter). Their route declarations use
    /// `upload` as their own limit.
    static let uploadRoutes: [SiteURL] = [.intake, .movements, .frameworks, .assessment(.key), .assessment(.key, .workbook)]

    static var uploadSize: ByteCount { ByteCount(value: upload) }

    /// The most a post to `path` may carry, for a signed-in caller or not.
    static func limit(path: String, signedIn: Bool) -> Int {
        guard signedIn else { return anonymous }
        let parts = path.split(separator: "/").map(String.init)
        let isUpload = uploadRoutes.contains { $0.matches(parts) }
        return isUpload ? upload : form
    }
}
