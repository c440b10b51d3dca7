import Foundation
import IMDMSCore
import IMDMSStorage
import Vapor

/// The data-entry form (`EntryPage`): a producer types a period's figures into the ministry's
/// cross-tab; the values become a draft upload (an SDMX-CSV file made from the form) and from there
/// follow exactly an uploaded file's path — preview with every check, Submit, review. A returned
/// submission opens in the form (`?from=ID`) to be corrected; the corrected one replaces it.
struct EntryController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.entryForm, use: form)
        routes.post(SiteURL.entryForm, use: check)
    }

    /// The layout a request names (`rows`, `cols`, `fixed.DIM`), else the dataset's default.
    static func layout(_ structure: DataStructure, _ request: Request, fields: [String: String]) throws -> EntryLayout {
        let fixed = Dictionary(uniqueKeysWithValues: fields.compactMap { name, value in name.hasPrefix("fixed.") ? (String(name.dropFirst(6)), value) : nil })
        do {
            return try EntryLayout(structure: structure, codelists: request.imdms.reference.codelistsByID,
                                   rows: fields["rows"].flatMap { $0.isEmpty ? nil : $0 },
                                   columns: fields["cols"].map { $0.split(separator: ",").map(String.init) }, fixed: fixed)
        } catch { throw WebError.badRequest("The form cannot be laid out: \(error.description).") }
    }

    static func target(_ request: Request, fields: [String: String]) throws -> (SessionRepository.Session, [DataStructure], DataStructure, Period) {
        let (login, structures) = try Access.submittable(request)
        let datasetID = fields["dataset"] ?? structures[0].id
        guard let structure = structures.first(where: { $0.id == datasetID }) else {
            throw WebError(status: .forbidden, reason: "You cannot submit to dataset '\(datasetID)'.")
        }
        let period: Period
        if let text = fields["period"], !text.isEmpty {
            do { period = try Period(parsing: text) } catch { throw WebError.badRequest("The period is not valid: \(error.description).") }
            guard period.frequency == structure.frequency else {
                throw WebError.badRequest("\(structure.name) is \(structure.frequency.name.lowercased()): a period such as \(Period.example(structure.frequency)), not ‘\(text)’.")
            }
        } else {
            period = Self.lastPeriod(structure.frequency, before: Date())
        }
        return (login, structures, structure, period)
    }

    /// The last whole period before `date` (a form opens on the month, quarter or year just ended).
    static func lastPeriod(_ frequency: Frequency, before date: Date) -> Period {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0)!
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        let (year, month, day) = (parts.year ?? 2024, parts.month ?? 1, parts.day ?? 1)
        let current = switch frequency {
        case .annual: String(year)
        case .quarterly: "\(year)-Q\((month - 1) / 3 + 1)"
        case .monthly: String(format: "%04d-%02d", year, month)
        case .daily: String(format: "%04d-%02d-%02d", year, month, day)
        }
        return ((try? Period(parsing: current)) ?? (try! Period(parsing: "2024"))).advanced(by: -1)
    }

    func form(_ request: Request) async throws -> Response {
        var fields = (try? request.query.decode([String: String].self)) ?? [:]
        var values: [String: String] = [:], note: String?
        // A returned submission of the caller's own organisation, to correct.
        if let id = fields["from"].flatMap(UUID.init(uuidString:)) {
            let (login, _) = try Access.submittable(request)
            guard let submission = try await SubmissionRepository(store: request.imdms.store).find(id), submission.status == .returned,
                  login.user.role != .producer || submission.organisationID == login.user.organisationID else {
                throw WebError.notFound("There is no returned submission \(id.uuidString) for you to correct.")
            }
            let observations = try await SubmissionRepository(store: request.imdms.store).observations(of: id)
            fields["dataset"] = submission.datasetID
            if let first = observations.first { fields["period"] = first.period.formatted }
            let (_, _, structure, _) = try Self.target(request, fields: fields)
            let layout = try Self.layout(structure, request, fields: fields)
            let cells = Set(layout.rowCodes.flatMap { row in layout.columns.map { layout.field(row: row.id, column: $0) } })
            var outside = 0
            for o in observations {
                let field = o.key.joined(separator: ".")
                if o.period.formatted == fields["period"], cells.contains(field) { values[field] = o.value.map(NumberText.plain) ?? "" } else { outside += 1 }
            }
            note = outside == 0 ? "The returned submission's values are filled in: correct them and check again; the corrected submission replaces it."
                : "\(outside) of the returned submission's values are not in this form (other periods or breakdowns): correct it by uploading a file instead."
        }
        let (login, structures, structure, period) = try Self.target(request, fields: fields)
        let page = EntryPage(structures: structures, layout: try Self.layout(structure, request, fields: fields), period: period,
                             values: values, note: note, codelists: request.imdms.reference.codelistsByID)
        return page.render(login: login).response()
    }

    /// The typed values, checked as numbers, become a draft upload shown with the ordinary preview.
    func check(_ request: Request) async throws -> Response {
        var fields = try request.content.decode([String: String].self)
        fields[CSRFMiddleware.field] = nil
        let (login, structures, structure, period) = try Self.target(request, fields: fields)
        let layout = try Self.layout(structure, request, fields: fields)
        let values = Dictionary(uniqueKeysWithValues: fields.compactMap { name, value in name.hasPrefix("v.") ? (String(name.dropFirst(2)), value) : nil })
        let csv: String
        do { csv = try layout.csv(period: period, agencyID: request.imdms.reference.agencyID, values: values) } catch {
            let page = EntryPage(structures: structures, layout: layout, period: period, values: values, error: error.description,
                                 codelists: request.imdms.reference.codelistsByID)
            return page.render(login: login).response(status: .badRequest)
        }
        let file = IncomingFile(name: "form-\(structure.id)-\(period.formatted).csv", data: Data(csv.utf8))
        let id = try await UploadRepository(store: request.imdms.store).create(
            userID: login.user.id, organisationID: login.user.organisationID ?? structure.organisationID, datasetID: structure.id, file: file)
        return request.redirect(to: SiteURL.upload(.value(id)).path, redirectType: .normal)
    }
}
