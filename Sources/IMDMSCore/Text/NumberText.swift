/// Numbers in messages and previews: whole numbers without a decimal point (`1204`, not `1204.0`).
enum NumberText {
    static func plain(_ value: Double) -> String {
        value.rounded() == value && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
