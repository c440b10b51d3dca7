import FluentKit
import Foundation
import IMDMSCore
import SQLKit

/// The codes stored per dataset and dimension (see `M011_CreateDatasetCodes`): added in the
/// storing transaction, never removed (a superseded code only makes the engine more careful).
enum DatasetCodes {
    private struct Row: Decodable { var position: Int; var code: String }

    static func record(_ observations: [Observation], datasetID: String, sql: any SQLDatabase) async throws {
        // A set of codes per position: no array made per code (a large submission has millions of them).
        // A code equal to the previous one at its position (observations come in key order) is not hashed again.
        var incoming: [Set<String>] = [], previous: [String] = []
        for observation in observations {
            while incoming.count < observation.key.count { incoming.append([]); previous.append("") }
            for (index, code) in observation.key.enumerated() where code != previous[index] || incoming[index].isEmpty {
                incoming[index].insert(code)
                previous[index] = code
            }
        }
        guard incoming.contains(where: { !$0.isEmpty }) else { return }
        var known: [Int: Set<String>] = [:]
        for row in try await sql.select().column("position").column("code").from("dataset_codes")
            .where("dataset_id", .equal, SQLBind(datasetID)).all(decoding: Row.self) {
            known[row.position, default: []].insert(row.code)
        }
        let missing = incoming.enumerated().flatMap { index, codes in
            codes.subtracting(known[index + 1] ?? []).sorted().map { (index + 1, $0) }
        }
        for chunk in stride(from: 0, to: missing.count, by: 300) {
            let part = missing[chunk..<min(chunk + 300, missing.count)]
            let insert = sql.insert(into: "dataset_codes").columns("dataset_id", "position", "code")
            for (position, code) in part { insert.values(SQLBind(datasetID), SQLBind(position), SQLBind(code)) }
            try await insert.run()
        }
    }

    /// Per dimension id, the codes stored for it.
    static func load(_ structure: DataStructure, sql: any SQLDatabase) async throws -> [String: Set<String>] {
        let rows = try await sql.select().column("position").column("code").from("dataset_codes")
            .where("dataset_id", .equal, SQLBind(structure.id)).all(decoding: Row.self)
        var result: [String: Set<String>] = [:]
        for row in rows where row.position >= 1 && row.position <= structure.dimensions.count {
            result[structure.dimensions[row.position - 1].id, default: []].insert(row.code)
        }
        return result
    }
}
