import IMDMSCore
import IMDMSStorage
import Vapor

/// The composition root: middleware, routes and the shared context, in one place.
public func configure(_ app: Application, context: AppContext) throws {
    app.imdms = context
    app.http.server.configuration.hostname = context.settings.hostname
    app.http.server.configuration.port = context.settings.port
    // gzip or deflate for every client that accepts it (pages are mostly repeated markup).
    app.http.server.configuration.responseCompression = .enabled
    app.middleware = Middlewares()
    // Outermost first: security headers are added to every response, error pages included.
    app.middleware.use(SecurityHeadersMiddleware(hsts: context.settings.isHTTPS ? "max-age=31536000" : nil))
    app.middleware.use(LanguageMiddleware())
    app.middleware.use(IMDMSErrorMiddleware(environment: app.environment))
    app.middleware.use(SessionLoaderMiddleware())
    app.middleware.use(PublicResponseCache(store: PublicResponseStore()))
    app.middleware.use(CSRFMiddleware())
    let throttle = LoginThrottle()
    try app.register(collection: LoginController(throttle: throttle))
    try app.register(collection: AccountController(throttle: throttle))
    try app.register(collection: HomeController())
    try app.register(collection: DatasetController())
    try app.register(collection: SourcesController())
    try app.register(collection: RevisionsController())
    try app.register(collection: IntakeController())
    try app.register(collection: EntryController())
    try app.register(collection: WorkflowController())
    try app.register(collection: GovernanceController())
    try app.register(collection: AuditController())
    try app.register(collection: ReportController())
    try app.register(collection: ReleasesController())
    try app.register(collection: LanguageController())
    try app.register(collection: AdminController())
    try app.register(collection: APIController())
    try app.register(collection: SDMXController())
    try app.register(collection: DevelopersController())
    try app.register(collection: MovementsController())
}
