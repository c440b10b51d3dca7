import FluentKit
import IMDMSCore

extension ReferenceRepository {
    /// A configuration given to a database seeded before (by an earlier start or release) may add
    /// organisations, codelists, codes and datasets. It may not belong to another agency, drop a
    /// stored code (data may use it) or edit a stored dataset's dimensions, frequency or measure in
    /// place: a changed structure is a new dataset (D67). Every such problem is named, and nothing
    /// is stored unless there are none.
    func reconcile(_ reference: ReferenceConfiguration) async throws {
        let stored = try await load()
        let source = "the configuration against the database"
        guard stored.agencyID == reference.agencyID else {
            throw ConfigurationError(source: source, problems: [
                "the database holds the statistics of \(stored.countryName) (agency \(stored.agencyID)); the configuration is for "
                    + "\(reference.countryName) (agency \(reference.agencyID)): start with another data folder or database",
            ])
        }
        var problems: [String] = []
        let storedLists = stored.codelistsByID
        var newCodes: [(list: Codelist, codes: [Code], from: Int)] = []
        for list in reference.codelists {
            guard let old = storedLists[list.id] else { continue }
            let dropped = old.codes.map(\.id).filter { !list.contains($0) }
            if !dropped.isEmpty {
                problems.append("codelist \(list.id): \(dropped.prefix(5).joined(separator: ", "))\(dropped.count > 5 ? " and \(dropped.count - 5) more" : "") "
                    + "stored but not in the configuration; a code is never removed, as data may use it")
            }
            let added = list.codes.filter { !old.contains($0.id) }
            if !added.isEmpty { newCodes.append((list, added, old.codes.count)) }
        }
        for structure in reference.structures {
            guard let old = stored.structure(structure.id) else { continue }
            if old.dimensions != structure.dimensions || old.frequency != structure.frequency || old.measure != structure.measure {
                problems.append("dataset \(structure.id): its dimensions, frequency or measure differ from the stored structure (version \(old.version)); "
                    + "a structure in use is never edited in place: give the changed structure a new dataset id")
            }
        }
        guard problems.isEmpty else { throw ConfigurationError(source: source, problems: problems) }
        let organisations = reference.organisations.filter { stored.organisations.map(\.id).contains($0.id) == false }
        let codelists = reference.codelists.filter { storedLists[$0.id] == nil }
        let structures = reference.structures.filter { stored.structure($0.id) == nil }
        let added = organisations.map(\.id) + codelists.map(\.id) + structures.map(\.id)
            + newCodes.flatMap { entry in entry.codes.map { "\(entry.list.id).\($0.id)" } }
        // The time zone may change (a folder that named none, a correction): kept and audited.
        let zone = reference.timeZoneID.flatMap { $0 == stored.timeZoneID ? nil : $0 }
        guard !added.isEmpty || zone != nil else { return }
        let codesToAdd = newCodes
        try await store.writeTransaction { tx in
            if let zone {
                try await SettingsTable.set(Self.timeZoneKey, to: zone, on: tx.sql)
                try await AuditRepository.append(on: tx, seal: store.auditSeal, actor: "system", action: "reference.timezone",
                                                 subject: "reference:\(reference.agencyID)", before: stored.timeZoneID, after: zone)
            }
            guard !added.isEmpty else { return }
            try await Self.add(organisations: organisations, codelists: codelists, structures: structures, on: tx)
            for entry in codesToAdd { try await Self.add(codes: entry.codes, to: entry.list.id, from: entry.from, on: tx) }
            try await AuditRepository.append(on: tx, seal: store.auditSeal, actor: "system", action: "reference.extend",
                                             subject: "reference:\(reference.agencyID)", after: "added " + added.joined(separator: ", "))
        }
        guard !added.isEmpty else { return }
        store.logger.info("Added to the reference configuration: \(added.joined(separator: ", "))")
    }
}
