import IMDMSCore

/// The mapping screen's form: for each dimension where its code comes from (a column, a header
/// row, or one code), where the period comes from, which columns hold values and totals, where
/// the data starts. Rows and columns are named as in the sheet grid shown above it.
struct MappingFormView {
    var form: MappingForm
    var structure: DataStructure
    var action: String
    var csrf: String
    var errors: [String]

    func render() -> Markup {
        var html = Markup.tag(.h2, text: T("Mapping"))
        html += .tag(.p, [.class("meta")], text: T("Point at the rows and columns of the sheet shown above. Columns are letters (C, or a range C-H); rows are numbers."))
        if !errors.isEmpty {
            html += .tag(.ul, [.class("errors"), .id("mapping-errors")], errors.map { .tag(.li, text: $0) })
        }
        var rows = [row(T("First data row"), input("firstDataRow", size: 4)), row(T("Value columns"), input("valueColumns", size: 20))]
        for dimension in structure.dimensions {
            let name = "dim.\(dimension.id)"
            let select = select("\(name).source", [("column", T("from the column")), ("headerRow", T("from the header row")), ("fixed", T("always the code"))])
            rows.append(row("\(T(dimension.name)) (\(dimension.codelistID))", select + .space + input("\(name).value", size: 12)))
        }
        let periodSelect = select("period.source", [
            ("column", T("from the column")), ("yearAndSubperiod", T("from the year and quarter/month columns")), ("sheetName", T("from the sheet name")),
            ("cell", T("from the cell")), ("fixed", T("always the period")),
        ])
        rows += [
            row(T("Period") + " (\(structure.frequency.rawValue))", periodSelect + .space + input("period.value", size: 12)),
            row(T("Total columns (checked, not stored)"), input("totalColumns", size: 20)),
            row(T("Total rows are labelled"), input("totalLabels", size: 30)),
            row(T("Skip rows starting with"), input("ignoreRows", size: 30)),
            row(T("Sheets (empty: every sheet)"), input("sheets", size: 30)),
            row(T("Empty value cells"), select("blankCells", [("skip", T("are left out")), ("zero", T("mean 0")), ("error", T("are an error"))])),
        ]
        html += .postForm(action, csrf: csrf, [.id("mapping")], .tag(.table, [.class("form")], .tag(.tbody, rows)),
                          .submit(T("Apply this mapping"), [.id("apply-mapping")]))
        return html
    }

    private func row(_ label: String, _ control: Markup) -> Markup {
        .tag(.tr, .tag(.th, text: label), .tag(.td, control))
    }

    private func input(_ name: String, size: Int) -> Markup {
        .tag(.input, [.type("text"), .name(name), .value(form[name]), .size(size)])
    }

    private func select(_ name: String, _ choices: [(String, String)]) -> Markup {
        .tag(.select, [.name(name)], choices.map { .option($0.0, $0.1, selected: form[name] == $0.0) })
    }
}
