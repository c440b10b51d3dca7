import IMDMSCore
import IMDMSStorage
import Vapor

/// The producer's intake: upload a workbook or CSV, see the preview (the sheet as a grid, the
/// mapping, every problem, a sample), confirm unknown names, correct the mapping, submit.
struct IntakeController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.intake, use: index)
        routes.post(SiteURL.intake, collecting: BodyLimits.uploadSize, use: upload)
        routes.get(SiteURL.upload(.key), use: show)
        routes.post(SiteURL.upload(.key, .alias), use: confirmAlias)
        routes.post(SiteURL.upload(.key, .profile), use: setProfile)
        routes.post(SiteURL.upload(.key, .mapping), use: setMapping)
        routes.post(SiteURL.upload(.key, .submit), use: submit)
    }

    func index(_ request: Request) async throws -> Response {
        let (login, structures) = try Access.submittable(request)
        return IntakePage(structures: structures, message: nil).render(login: login).response()
    }

    struct UploadForm: Content {
        var dataset: String
        var file: File
    }

    func upload(_ request: Request) async throws -> Response {
        let (login, structures) = try Access.submittable(request)
        let form = try request.content.decode(UploadForm.self)
        guard let structure = structures.first(where: { $0.id == form.dataset }) else {
            throw WebError(status: .forbidden, reason: "You cannot submit to dataset '\(form.dataset)'.")
        }
        guard form.file.data.readableBytes > 0 else { throw WebError.badRequest("The file '\(form.file.filename)' is empty.") }
        let file = IncomingFile(name: form.file.filename, data: Data(buffer: form.file.data))
        let id = try await UploadRepository(store: request.imdms.store).create(
            userID: login.user.id, organisationID: login.user.organisationID ?? structure.organisationID, datasetID: structure.id, file: file)
        return request.redirect(to: SiteURL.upload(.value(id)).path, redirectType: .normal)
    }

    /// The caller's own pending upload (anyone else's is "not found").
    private func upload(_ request: Request) async throws -> (SessionRepository.Session, UploadRepository.Upload, DataStructure) {
        let (login, _) = try Access.submittable(request)
        guard let id = request.parameters.get(SiteURL.Key.upload).flatMap(UUID.init(uuidString:)),
              let upload = try await UploadRepository(store: request.imdms.store).find(id), upload.userID == login.user.id,
              let structure = request.imdms.reference.structure(upload.datasetID), Access.canSubmit(login.user, to: structure)
        else { throw WebError.notFound("There is no such upload.") }
        return (login, upload, structure)
    }

    func show(_ request: Request) async throws -> Response {
        let (login, upload, structure) = try await upload(request)
        return try await page(request, login, upload, structure).render(login: login).response()
    }

    private func page(_ request: Request, _ login: SessionRepository.Session, _ upload: UploadRepository.Upload,
                      _ structure: DataStructure) async throws -> UploadPage {
        let checked = try await IntakeService(store: request.imdms.store, reference: request.imdms.reference).check(
            upload.file, datasetID: upload.datasetID, profile: upload.profile, organisationID: upload.organisationID, submittedBy: login.user.id)
        // An SDMX-CSV file is read as SDMX, not as a sheet: its grid is read for the page alone.
        let grid = checked.firstGrid ?? (upload.file.kind == .sdmxCSV ? try? upload.file.grids().first : nil)
        return UploadPage(upload: upload, structure: structure, preview: checked.preview, grid: grid, reference: request.imdms.reference)
    }

    /// The mapping screen's form: a readable mapping replaces the upload's and the page shows
    /// the upload re-validated; otherwise the page comes back (400) with each field's problem.
    func setMapping(_ request: Request) async throws -> Response {
        let (login, upload, structure) = try await upload(request)
        var fields = try request.content.decode([String: String].self)
        fields["csrf"] = nil
        let form = MappingForm(fields: fields)
        switch form.profile(for: structure, carryingOver: upload.profile) {
        case let .success(profile):
            try await UploadRepository(store: request.imdms.store).setProfile(profile, for: upload.id)
            return request.redirect(to: SiteURL.upload(.value(upload.id)).path, redirectType: .normal)
        case let .failure(error):
            var page = try await page(request, login, upload, structure)
            page.mappingForm = form
            page.mappingErrors = error.problems
            return page.render(login: login).response(status: .badRequest)
        }
    }

    struct AliasForm: Content {
        var codelist: String
        var text: String
        var code: String
    }

    /// Saves the confirmed name for the producer and shows the upload re-validated.
    func confirmAlias(_ request: Request) async throws -> Response {
        let (_, upload, structure) = try await upload(request)
        let form = try request.content.decode(AliasForm.self)
        guard structure.dimensions.contains(where: { $0.codelistID == form.codelist }),
              let codelist = request.imdms.reference.codelistsByID[form.codelist]
        else { throw WebError.badRequest("Codelist '\(form.codelist)' is not used by \(structure.id).") }
        try await AliasRepository(store: request.imdms.store).confirm(form.text, code: form.code, codelist: codelist,
                                                                      organisationID: upload.organisationID)
        return request.redirect(to: SiteURL.upload(.value(upload.id)).path, redirectType: .normal)
    }

    struct ProfileForm: Content { var profile: String }

    func setProfile(_ request: Request) async throws -> Response {
        let (_, upload, structure) = try await upload(request)
        let text = try request.content.decode(ProfileForm.self).profile
        let profile: ImportProfile
        do { profile = try JSONDecoder().decode(ImportProfile.self, from: Data(text.utf8)) } catch {
            throw WebError.badRequest("The mapping is not valid: \(error)")
        }
        guard profile.datasetID == structure.id else { throw WebError.badRequest("The mapping is for \(profile.datasetID), not \(structure.id).") }
        try await UploadRepository(store: request.imdms.store).setProfile(profile, for: upload.id)
        return request.redirect(to: SiteURL.upload(.value(upload.id)).path, redirectType: .normal)
    }

    func submit(_ request: Request) async throws -> Response {
        let (login, upload, structure) = try await upload(request)
        let outcome = try await IntakeService(store: request.imdms.store, reference: request.imdms.reference).importFile(
            upload.file, datasetID: upload.datasetID, profile: upload.profile, channel: .web,
            organisationID: upload.organisationID, submittedBy: login.user.id)
        guard case let .stored(submission, _) = outcome else {
            return request.redirect(to: SiteURL.upload(.value(upload.id)).path, redirectType: .normal)
        }
        try await UploadRepository(store: request.imdms.store).delete(upload.id)
        let message = "Stored \(submission.observationCount) observations for \(structure.name) as submission \(submission.id.uuidString)."
        return IntakePage(structures: try Access.submittable(request).1, message: message, submissionID: submission.id).render(login: login).response()
    }
}
