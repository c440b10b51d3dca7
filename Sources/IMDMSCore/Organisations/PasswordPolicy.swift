/// The minimum a password must meet: long enough, not all one kind of character, not the
/// username. Length matters most; no composition rules beyond that (NIST SP 800-63B).
public enum PasswordPolicy {
    public static let minimumLength = 12

    /// Every reason the password is refused; empty when it is acceptable.
    public static func problems(password: String, username: String) -> [String] {
        var problems: [String] = []
        if password.count < minimumLength { problems.append("it must have at least \(minimumLength) characters") }
        if Set(password).count < 4 { problems.append("it must not repeat the same few characters") }
        if !username.isEmpty && password.lowercased().contains(username.lowercased()) {
            problems.append("it must not contain the username")
        }
        if commonPasswords.contains(password.lowercased()) { problems.append("it is a commonly used password") }
        return problems
    }

    static let commonPasswords: Set<String> = [
        "password1234", "123456789012", "qwertyuiop12", "administrator", "lesotho12345", "passwordpassword", "letmein12345",
    ]
}
