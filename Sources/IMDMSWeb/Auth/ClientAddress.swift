import Vapor

extension Request {
    /// The address of the person calling: the connection's peer, or — when the peer is one of the
    /// trusted proxies (`IMDMS_TRUSTED_PROXIES`) — the nearest address in `X-Forwarded-For` that is
    /// not itself a trusted proxy. A forwarded header from anyone else is ignored, so a client
    /// cannot choose its own address to escape the login throttle.
    var clientAddress: String {
        ClientAddress.resolve(peer: remoteAddress?.ipAddress, forwardedFor: headers[.xForwardedFor],
                              trusted: application.imdms.settings.trustedProxies)
    }
}

enum ClientAddress {
    static func resolve(peer: String?, forwardedFor: [String], trusted: Set<String>) -> String {
        guard let peer else { return "unknown" }
        guard trusted.contains(peer) else { return peer }
        let chain = forwardedFor.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return chain.last(where: { !trusted.contains($0) }) ?? peer
    }
}
