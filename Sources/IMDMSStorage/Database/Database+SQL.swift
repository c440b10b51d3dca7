import FluentKit
import SQLKit

extension Database {
    /// The database as SQLKit sees it, for reads and bulk statements: both drivers IMDMS uses
    /// (SQLite, PostgreSQL) are SQL databases, so this cast cannot fail. The one place that says so
    /// (migrations, frozen once shipped, keep their own).
    var sql: any SQLDatabase { self as! any SQLDatabase }
}
