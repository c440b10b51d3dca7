import Foundation
import IMDMSCore
import IMDMSStorage
import Logging
import Vapor

/// One round of the release schedule (D54): what became public since the last round is claimed as
/// a release, the reports that use its datasets are made as the public sees them and kept as
/// released, and each subscriber's e-mail is sent or its webhook called (retried later when the
/// mail server or the webhook refuses).
/// The server runs a round every `IMDMS_RELEASE_CHECK_SECONDS`; tests run one at a chosen moment.
struct ReleaseDelivery: Sendable {
    let context: AppContext
    let logger: Logger
    /// The HTTP client webhooks are called with (nil: webhook subscribers wait).
    var client: (any Client)? = nil

    struct Outcome: Sendable, Equatable {
        var releases = 0
        var documents = 0
        var sent = 0
        var failed = 0
    }

    var mailer: SMTPMailer? {
        context.settings.smtpHost.map { SMTPMailer(host: $0, port: context.settings.smtpPort, from: context.settings.mailFrom) }
    }

    /// Rounds every `releaseCheckSeconds` until cancelled; a failed round is logged and tried again.
    func schedule() async {
        while !Task.isCancelled {
            do { _ = try await run(now: Date()) } catch { logger.warning("release round failed: \(error); tried again at the next round") }
            try? await Task.sleep(for: .seconds(context.settings.releaseCheckSeconds))
        }
    }

    func run(now: Date) async throws -> Outcome {
        let repository = ReleaseRepository(store: context.store)
        var outcome = Outcome()
        _ = try await repository.claim(now: now, reference: context.reference)
        for due in try await repository.unproduced() {
            let documents = try await make(due, now: now)
            try await repository.produced(due.release, documents: documents)
            outcome.releases += 1
            outcome.documents += documents.count
            logger.notice("release: \(due.release.title) — \(documents.count) report(s) made")
        }
        let poster = client.map { WebhookPoster(client: $0, secret: context.settings.webhookSecret) }
        guard mailer != nil || poster != nil else { return outcome }
        for message in try await repository.dueMessages(now: now) {
            let webhook = ReleaseWebhook.isWebhook(message.address)
            do {
                if webhook {
                    guard let poster else { continue }
                    try await poster.post(ReleaseWebhook(release: message.release, links: .site(context.settings.siteAddress)), to: message.address)
                } else {
                    guard let mailer else { continue }
                    let mail = ReleaseMail(from: context.settings.mailFrom, to: message.address, release: message.release,
                                           links: .site(context.settings.siteAddress), siteName: "IMDMS \(context.reference.countryName)")
                    try await mailer.send(to: message.address, message: mail.message(date: now))
                }
                try await repository.sent(message, at: Date())
                outcome.sent += 1
            } catch {
                // The address stays out of the log (personal data); the release and the reason are in it.
                try await repository.failed(message, error: "\(error)")
                outcome.failed += 1
                logger.warning("release \(message.release.title): \(webhook ? "a webhook was not called" : "an e-mail was not sent") (\(error)); it is tried again later")
            }
        }
        return outcome
    }

    /// The reports that use the released datasets, each for its latest period, as the public sees it at `now`.
    private func make(_ due: ReleaseRepository.Due, now: Date) async throws -> [(Release.Document, html: String)] {
        let library = context.reports
        var documents: [(Release.Document, html: String)] = []
        for report in library.reports where report.sections.contains(where: { due.datasets.contains($0.dataset) }) {
            let builder = ReportBuilder(store: context.store, reference: context.reference, library: library,
                                        visibility: .released(asOf: now), disclosureControl: true)
            guard let period = try await builder.defaultPeriod(report) else { continue }
            let document = try await builder.make(report, period: period)
            documents.append((Release.Document(reportID: report.id, title: report.title, period: period.formatted),
                              ReportRenderer(document).html(template: library.template)))
        }
        if due.datasets.contains(AssessmentRepository.datasetID),
           let (document, year) = try? await ScorecardBuilder(store: context.store, reference: context.reference)
            .document(visibility: .released(asOf: now), submitted: false) {
            documents.append((Release.Document(reportID: ScorecardReport.id, title: document.definition.title, period: String(year)),
                              ReportRenderer(document).html(template: library.template)))
        }
        return documents
    }
}
