/// A data structure that cannot be built as given.
public enum StructureError: Error, Equatable, Sendable, CustomStringConvertible {
    case dimensionCount(dataset: String, count: Int)
    case duplicateDimension(dataset: String, dimension: String)
    case reservedDimension(dataset: String, dimension: String)
    case negativeThreshold(dataset: String)
    case unknownCodelist(dataset: String, dimension: String, codelist: String)

    public var description: String {
        switch self {
        case let .dimensionCount(ds, count):
            "dataset \(ds): \(count) dimensions; a dataset has 1 to \(DataStructure.maxDimensions)"
        case let .duplicateDimension(ds, dim):
            "dataset \(ds): dimension \(dim) appears twice"
        case let .reservedDimension(ds, dim):
            "dataset \(ds): \(dim) is reserved and cannot be a dimension"
        case let .negativeThreshold(ds):
            "dataset \(ds): the disclosure threshold cannot be negative"
        case let .unknownCodelist(ds, dim, list):
            "dataset \(ds): dimension \(dim) uses codelist \(list), which does not exist"
        }
    }
}
