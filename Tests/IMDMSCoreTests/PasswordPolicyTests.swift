import IMDMSCore
import Testing

@Suite("Password policy")
struct PasswordPolicyTests {
    @Test("Accepts a long, varied password")
    func accepts() {
        #expect(PasswordPolicy.problems(password: "maloti-river-7-bridge", username: "thabo").isEmpty)
    }

    @Test("Refuses short, repetitive, username-based and common passwords, giving every reason")
    func refuses() {
        #expect(PasswordPolicy.problems(password: "short", username: "x") == ["it must have at least 12 characters"])
        #expect(PasswordPolicy.problems(password: "aaaaaaaaaaaaaaaa", username: "x") == ["it must not repeat the same few characters"])
        #expect(PasswordPolicy.problems(password: "thabo-is-the-best", username: "Thabo") == ["it must not contain the username"])
        #expect(PasswordPolicy.problems(password: "Password1234", username: "x") == ["it is a commonly used password"])
        #expect(PasswordPolicy.problems(password: "aaa", username: "x").count == 2)
    }
}
