import FluentKit

/// Every IMDMS migration, in order. Landed migrations are never edited: add a new one.
/// `MigrationRunner` applies them, each in a transaction with its record.
enum IMDMSMigrations {
    static let all: [any AsyncMigration] = [
        M001_CreateReferenceTables(),
        M002_CreateUsers(),
        M003_CreateSubmissions(),
        M004_CreateObservations(),
        M005_CreateImportProfiles(),
        M006_CreateAuditLog(),
        M007_CreateSessions(),
        M008_CreateUploads(),
        M009_AddWorkflow(),
        M010_CreateAPITokens(),
        M011_CreateDatasetCodes(),
        M012_AddSubmissionPeriods(),
        M013_CreateMovements(),
        M014_CreateAssessments(),
        M015_IndexConfidentialObservations(),
        M016_AddAuditSeals(),
        M017_AddTokenExpiry(),
        M018_AddMovementDerivation(),
        M019_AddStatisticSources(),
        M020_LockPeriodsPerSource(),
        M021_AddIncrementalDerivation(),
        M022_AddObservationRollups(),
        M023_AddReleases(),
        M024_AnalyzeSubmissionsOften(),
        M025_IndexSetAsideValues(),
        M026_FindExtractsByRange(),
        M027_DropCrossingExtractColumn(),
        M028_KeepOpenCrossings(),
        M029_CheckValuesAgainstTheirSubmission(),
        M030_PackCrossingAttributes(),
        M031_OpenPeopleAsStored(),
        M032_KeepCrossingsApart(),
        M033_NumberPeople(),
    ]
}
