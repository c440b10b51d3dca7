/// Two assessments on the shipped illustrative framework and their scores worked out by hand
/// (GovernanceScoringTests checks the rule, GovernanceWebTests the form, workbook and workflow).
public enum GovernanceFixtures {
    /// 2018 answers (entered through the web form in GovernanceWebTests).
    public static let answers2018: [String: String] = [
        "MGI-1.1.1": "partial", "MGI-1.1.2": "yes", "MGI-1.2.1": "no", "MGI-1.2.2": "absent",
        "MGI-2.1.1": "partial", "MGI-2.1.2": "yes", "MGI-2.2.1": "partial", "MGI-2.2.2": "yes",
        "MGI-3.1.1": "yes", "MGI-3.1.2": "complete", "MGI-3.2.1": "complete", "MGI-3.2.2": "yes",
        "MGI-4.1.1": "absent", "MGI-4.1.2": "no", "MGI-4.2.1": "partial", "MGI-4.2.2": "yes",
        "MGI-5.1.1": "partial", "MGI-5.1.2": "yes", "MGI-5.2.1": "partial", "MGI-5.2.2": "no",
        "MGI-6.1.1": "complete", "MGI-6.1.2": "yes", "MGI-6.2.1": "partial", "MGI-6.2.2": "yes",
    ]
    /// 2022: five indicators better, one worse (imported from a workbook in GovernanceWebTests).
    public static let answers2022 = answers2018.merging([
        "MGI-1.2.1": "yes", "MGI-1.2.2": "partial", "MGI-2.1.1": "complete", "MGI-4.1.1": "partial", "MGI-5.2.2": "yes", "MGI-6.2.1": "absent",
    ]) { $1 }

    // By hand, 2018 (indicator scores: yes/complete 1, partial 0.5, no/absent 0; MGI-2.1.1 weighs 2):
    // D1 (0.5+1+0+0)/4 = 37.5; sub-domains 0.75, 0 → SDG 37.5
    // D2 (2×0.5+1+0.5+1)/5 = 70; sub-domains (2×0.5+1)/3 = 0.6667, 0.75 → SDG 70.83
    // D3 100; SDG 100.  D4 (0+0+0.5+1)/4 = 37.5; SDG 37.5.  D5 (0.5+1+0.5+0)/4 = 50; SDG 50.
    // D6 (1+1+0.5+1)/4 = 87.5; sub-domains 1, 0.75 → SDG 87.5.  Overall (37.5+70+100+37.5+50+87.5)/6 = 63.75.
    public static let expected2018: (domains: [Double], sdg: [Double], overall: Double) = (domains: [37.5, 70.0, 100, 37.5, 50, 87.5], sdg: [37.5, 70.833333, 100, 37.5, 50, 87.5], overall: 63.75)
    // 2022: D1 (0.5+1+1+0.5)/4 = 75, SDG 75.  D2 (2+1+0.5+1)/5 = 90, sub-domains 1, 0.75 → SDG 87.5.  D3 100.
    // D4 (0.5+0+0.5+1)/4 = 50, SDG (0.25+0.75)/2 = 50.  D5 (0.5+1+0.5+1)/4 = 75, SDG 75.  D6 (1+1+0+1)/4 = 75, SDG (1+0.5)/2 = 75.
    // Overall (75+90+100+50+75+75)/6 = 77.5.
    public static let expected2022: (domains: [Double], sdg: [Double], overall: Double) = (domains: [75.0, 90, 100, 50, 75, 75], sdg: [75.0, 87.5, 100, 50, 75, 75], overall: 77.5)
}
