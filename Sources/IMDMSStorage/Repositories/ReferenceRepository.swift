import FluentKit
import Foundation
import IMDMSCore
import SQLKit

/// Seeds a country's reference configuration into an empty database and reads it back.
public struct ReferenceRepository: Sendable {
    let store: Store

    public init(store: Store) { self.store = store }

    /// The settings key of the configuration's time zone (D75).
    static let timeZoneKey = "time_zone"

    /// Stores the configuration if the database holds none yet (a database seeded by an earlier
    /// release gains what the configuration has added since); returns whether it seeded.
    @discardableResult
    public func seedIfEmpty(_ reference: ReferenceConfiguration) async throws -> Bool {
        let database = store.database
        let existing = try await OrganisationModel.query(on: database).count()
        guard existing == 0 else {
            try await reconcile(reference)
            return false
        }
        try await database.transaction { tx in
            try await ([
                SettingModel(key: "agency_id", value: reference.agencyID),
                SettingModel(key: "country_name", value: reference.countryName),
                SettingModel(key: "home_country", value: reference.homeCountryCode),
            ] + (reference.timeZoneID.map { [SettingModel(key: Self.timeZoneKey, value: $0)] } ?? [])).create(on: tx)
            try await Self.add(organisations: reference.organisations, codelists: reference.codelists, structures: reference.structures, on: tx)
            try await AuditRepository.append(on: tx, seal: store.auditSeal, actor: "system", action: "reference.seed", subject: "reference:\(reference.agencyID)",
                after: "\(reference.countryName): \(reference.codelists.count) codelists, \(reference.organisations.count) organisations, \(reference.structures.count) datasets")
        }
        store.logger.info("Seeded the reference configuration for \(reference.countryName)")
        return true
    }

    static func add(organisations: [Organisation], codelists: [Codelist], structures: [DataStructure], on tx: any Database) async throws {
        if !organisations.isEmpty { try await organisations.map { OrganisationModel(id: $0.id, name: $0.name, kind: $0.kind.rawValue) }.create(on: tx) }
        for list in codelists {
            try await CodelistModel(id: list.id, name: list.name, description: list.description).create(on: tx)
            try await add(codes: list.codes, to: list.id, from: 0, on: tx)
        }
        for structure in structures {
            try await DatasetModel(structure).create(on: tx)
            try await structure.dimensions.enumerated().map {
                DatasetDimensionModel(datasetID: structure.id, position: $0.offset + 1, dimension: $0.element)
            }.create(on: tx)
        }
    }

    /// Codes (with their aliases) at the end of a stored codelist, the first at `position`.
    static func add(codes: [Code], to codelist: String, from position: Int, on tx: any Database) async throws {
        try await codes.enumerated().map { offset, code in
            CodeModel(codelistID: codelist, code: code.id, name: code.name, parentCode: code.parentID, position: position + offset,
                      members: code.isGroup ? code.memberIDs.joined(separator: "|") : nil)
        }.create(on: tx)
        let aliases = codes.flatMap { code in code.aliases.map { CodeAliasModel(codelistID: codelist, code: code.id, alias: $0, organisationID: nil) } }
        if !aliases.isEmpty { try await aliases.create(on: tx) }
    }

    /// Reads the whole reference configuration: settings, organisations, codelists (with the
    /// aliases every producer shares), datasets.
    public func load() async throws -> ReferenceConfiguration {
        let database = store.database
        let settings = Dictionary(uniqueKeysWithValues: try await SettingModel.query(on: database).all().compactMap { s in
            s.id.map { ($0, s.value) }
        })
        let organisations = try await OrganisationModel.query(on: database).sort(\.$id).all().compactMap { model -> Organisation? in
            guard let id = model.id, let kind = Organisation.Kind(rawValue: model.kind) else { return nil }
            return Organisation(id: id, name: model.name, kind: kind)
        }
        let codelists = try await loadCodelists(database)
        let dimensions = Dictionary(grouping: try await DatasetDimensionModel.query(on: database).sort(\.$position).all(), by: \.datasetID)
        let structures = try await DatasetModel.query(on: database).sort(\.$id).all().map { model in
            try Self.structure(model, dimensions: dimensions[model.id ?? ""] ?? [])
        }
        do {
            var configuration = try ReferenceConfiguration(
                agencyID: settings["agency_id"] ?? "IMDMS", countryName: settings["country_name"] ?? "",
                homeCountryCode: settings["home_country"] ?? "", codelists: codelists,
                organisations: organisations, structures: structures
            )
            configuration.timeZoneID = settings[Self.timeZoneKey]
            return configuration
        } catch {
            throw StorageError.inconsistentReference(String(describing: error))
        }
    }

    private func loadCodelists(_ database: any Database) async throws -> [Codelist] {
        // Read by column (`QueryRow`): Fluent's models take each row apart by reflection, which was
        // a third of starting any command (430 codes and 917 aliases: 60 ms).
        struct CodeRow { var codelistID: String; var code: String; var name: String; var parentCode: String?; var members: String? }
        struct AliasRow { var codelistID: String; var code: String; var alias: String }
        let sql = database.sql
        let codeRows = try await QueryRow.read(sql.select().columns("codelist_id", "code", "name", "parent_code", "members").from("codes")
            .orderBy("position").query, on: database) { row in
            CodeRow(codelistID: try row.string("codelist_id") ?? "", code: try row.string("code") ?? "", name: try row.string("name") ?? "",
                    parentCode: try row.string("parent_code"), members: try row.string("members"))
        }
        let aliasRows = try await QueryRow.read(sql.select().columns("codelist_id", "code", "alias").from("code_aliases")
            .where("organisation_id", .is, SQLLiteral.null).orderBy("id").query, on: database) { row in
            AliasRow(codelistID: try row.string("codelist_id") ?? "", code: try row.string("code") ?? "", alias: try row.string("alias") ?? "")
        }
        let codes = Dictionary(grouping: codeRows, by: \.codelistID)
        let aliases = Dictionary(grouping: aliasRows) { "\($0.codelistID)|\($0.code)" }
        return try await CodelistModel.query(on: database).sort(\.$id).all().map { list in
            let id = list.id ?? ""
            let entries = (codes[id] ?? []).map { code in
                Code(id: code.code, name: code.name, parentID: code.parentCode,
                     aliases: (aliases["\(id)|\(code.code)"] ?? []).map(\.alias),
                     memberIDs: code.members.map { $0.split(separator: "|").map(String.init) } ?? [])
            }
            do { return try Codelist(id: id, name: list.name, description: list.description, codes: entries) } catch {
                throw StorageError.inconsistentReference(String(describing: error))
            }
        }
    }

    static func structure(_ model: DatasetModel, dimensions: [DatasetDimensionModel]) throws -> DataStructure {
        guard let id = model.id, let frequency = Frequency(rawValue: model.frequency),
              let kind = Measure.Kind(rawValue: model.measureKind)
        else { throw StorageError.inconsistentReference("dataset \(model.id ?? "?") has an unknown frequency or measure kind") }
        do {
            return try DataStructure(
                id: id, name: model.name, version: model.version,
                dimensions: dimensions.map { DataDimension(id: $0.dimensionID, name: $0.name, codelistID: $0.codelistID) },
                frequency: frequency,
                measure: Measure(id: model.measureID, name: model.measureName, unit: model.unit, kind: kind, isCount: model.isCount),
                disclosureThreshold: model.disclosureThreshold, organisationID: model.organisationID,
                metadata: DatasetMetadata(description: model.description, source: model.source, contact: model.contact,
                                          methodology: model.methodology)
            )
        } catch {
            throw StorageError.inconsistentReference(String(describing: error))
        }
    }
}
