import SQLKit

/// The `settings` table: one text value per key (the installation's agency and country, data
/// versions, the movement derivation's end of data), read and written on any connection or transaction.
enum SettingsTable {
    static func value(_ key: String, on sql: any SQLDatabase) async throws -> String? {
        struct Row: Decodable { var value: String }
        return try await sql.select().column("value").from("settings").where("key", .equal, SQLBind(key)).first(decoding: Row.self)?.value
    }

    static func set(_ key: String, to value: String, on sql: any SQLDatabase) async throws {
        if try await self.value(key, on: sql) != nil {
            try await sql.update("settings").set("value", to: SQLBind(value)).where("key", .equal, SQLBind(key)).run()
        } else {
            try await sql.insert(into: "settings").columns("key", "value").values(SQLBind(key), SQLBind(value)).run()
        }
    }
}
