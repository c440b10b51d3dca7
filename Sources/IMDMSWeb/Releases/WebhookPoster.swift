import Foundation
import IMDMSCore
import Vapor

/// POSTs a release to a webhook subscriber through the server's HTTP client (D59): a 2xx answer
/// within the time limit is delivered; anything else is an error, and the delivery is retried
/// like an e-mail the mail server refused.
struct WebhookPoster: Sendable {
    let client: any Client
    let secret: String?
    /// Seconds a webhook has to answer.
    var timeoutSeconds: Int64 = 10

    struct Refused: Error, CustomStringConvertible {
        var status: UInt
        var description: String { "the webhook answered HTTP \(status)" }
    }

    func post(_ webhook: ReleaseWebhook, to address: String) async throws {
        let body = webhook.body()
        var headers = HTTPHeaders()
        headers.contentType = .json
        headers.replaceOrAdd(name: .userAgent, value: "IMDMS release webhook")
        if let secret { headers.replaceOrAdd(name: ReleaseWebhook.signatureHeader, value: ReleaseWebhook.signature(body, secret: secret)) }
        let request = ClientRequest(method: .POST, url: URI(string: address), headers: headers, body: ByteBuffer(data: body), timeout: .seconds(timeoutSeconds))
        let response = try await client.send(request)
        guard (200..<300).contains(response.status.code) else { throw Refused(status: response.status.code) }
    }
}
