/// A codelist that cannot be built as given.
public enum CodelistError: Error, Equatable, Sendable, CustomStringConvertible {
    case duplicateCode(codelist: String, code: String)
    case unknownParent(codelist: String, code: String, parent: String)
    case unknownMember(codelist: String, group: String, member: String)
    case cycle(codelist: String, code: String)

    public var description: String {
        switch self {
        case let .duplicateCode(list, code):
            "codelist \(list): code '\(code)' appears twice"
        case let .unknownParent(list, code, parent):
            "codelist \(list): code '\(code)' has parent '\(parent)', which is not in the codelist"
        case let .unknownMember(list, group, member):
            "codelist \(list): group '\(group)' lists member '\(member)', which is not in the codelist"
        case let .cycle(list, code):
            "codelist \(list): code '\(code)' is its own ancestor"
        }
    }
}
