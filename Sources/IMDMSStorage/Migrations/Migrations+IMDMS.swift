import FluentKit

extension Migrations {
    /// Every IMDMS migration, in order. Landed migrations are never edited: add a new one.
    public func addIMDMS() {
        add(M001_CreateReferenceTables())
        add(M002_CreateUsers())
        add(M003_CreateSubmissions())
        add(M004_CreateObservations())
        add(M005_CreateImportProfiles())
        add(M006_CreateAuditLog())
        add(M007_CreateSessions())
        add(M008_CreateUploads())
        add(M009_AddWorkflow())
        add(M010_CreateAPITokens())
        add(M011_CreateDatasetCodes())
        add(M012_AddSubmissionPeriods())
        add(M013_CreateMovements())
        add(M014_CreateAssessments())
        add(M015_IndexConfidentialObservations())
        add(M016_AddAuditSeals())
        add(M017_AddTokenExpiry())
        add(M018_AddMovementDerivation())
        add(M019_AddStatisticSources())
        add(M020_LockPeriodsPerSource())
        add(M021_AddIncrementalDerivation())
        add(M022_AddObservationRollups())
        add(M023_AddReleases())
        add(M024_AnalyzeSubmissionsOften())
        add(M025_IndexSetAsideValues())
    }
}
