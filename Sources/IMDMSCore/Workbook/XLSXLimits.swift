/// Caps that keep a hostile or broken workbook from exhausting memory or disk.
public struct XLSXLimits: Sendable {
    /// Largest unpacked size of one part (a sheet's XML).
    public var maxPartBytes: UInt64
    /// Largest unpacked size of all parts read together.
    public var maxTotalBytes: UInt64
    /// Largest compression ratio accepted for parts over `ratioCheckAbove` bytes. Real sheets
    /// compress 5–30×; zip bombs reach thousands.
    public var maxCompressionRatio: UInt64
    public var ratioCheckAbove: UInt64

    public init(maxPartBytes: UInt64 = 1 << 30, maxTotalBytes: UInt64 = 2 << 30, maxCompressionRatio: UInt64 = 200, ratioCheckAbove: UInt64 = 1 << 20) {
        self.maxPartBytes = maxPartBytes
        self.maxTotalBytes = maxTotalBytes
        self.maxCompressionRatio = maxCompressionRatio
        self.ratioCheckAbove = ratioCheckAbove
    }

    public static let standard = XLSXLimits()
}
