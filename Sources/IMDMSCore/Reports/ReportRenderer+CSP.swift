import Crypto
import Foundation

extension ReportRenderer {
    /// The Content-Security-Policy source that lets a browser apply the report's own `<style>`
    /// (the exact `stylesheet`, by its SHA-256) while every other inline style stays blocked: the
    /// report page keeps one self-contained file for download and print, and the site keeps
    /// `style-src 'self'`.
    public static let stylesheetPolicySource: String = {
        "'sha256-" + Data(SHA256.hash(data: Data(stylesheet.utf8))).base64EncodedString() + "'"
    }()
}
