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
    /// Most cells one sheet may hold (Excel's whole grid is 17 billion; a national extract a few million).
    public var maxCellsPerSheet: Int
    /// Most cells one merged range may cover, and most merged ranges a sheet may have: real
    /// sheets merge header cells, not whole columns.
    public var maxMergedCells: Int
    public var maxMerges: Int

    public init(maxPartBytes: UInt64 = 256 << 20, maxTotalBytes: UInt64 = 512 << 20, maxCompressionRatio: UInt64 = 200, ratioCheckAbove: UInt64 = 1 << 20,
                maxCellsPerSheet: Int = 5_000_000, maxMergedCells: Int = 100_000, maxMerges: Int = 10_000) {
        self.maxPartBytes = maxPartBytes
        self.maxTotalBytes = maxTotalBytes
        self.maxCompressionRatio = maxCompressionRatio
        self.ratioCheckAbove = ratioCheckAbove
        self.maxCellsPerSheet = maxCellsPerSheet
        self.maxMergedCells = maxMergedCells
        self.maxMerges = maxMerges
    }

    public static let standard = XLSXLimits()
}
