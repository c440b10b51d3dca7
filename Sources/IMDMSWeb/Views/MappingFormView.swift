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

    func render() -> String {
        var html = HTML.element("h2", T("Mapping"))
        html += HTML.element("p", T("Point at the rows and columns of the sheet shown above. Columns are letters (C, or a range C-H); rows are numbers."), [("class", "meta")])
        if !errors.isEmpty {
            html += HTML.container("ul", [("class", "errors"), ("id", "mapping-errors")], errors.map { HTML.element("li", $0) }.joined())
        }
        html += "<form method=\"post\" action=\"\(HTML.escape(action))\" id=\"mapping\">\(csrf)<table class=\"form\"><tbody>"
        html += row(T("First data row"), input("firstDataRow", size: 4))
        html += row(T("Value columns"), input("valueColumns", size: 20))
        for dimension in structure.dimensions {
            let name = "dim.\(dimension.id)"
            let select = select("\(name).source", [("column", T("from the column")), ("headerRow", T("from the header row")), ("fixed", T("always the code"))])
            html += row("\(T(dimension.name)) (\(dimension.codelistID))", select + " " + input("\(name).value", size: 12))
        }
        let periodSelect = select("period.source", [
            ("column", T("from the column")), ("yearAndSubperiod", T("from the year and quarter/month columns")), ("sheetName", T("from the sheet name")),
            ("cell", T("from the cell")), ("fixed", T("always the period")),
        ])
        html += row(T("Period") + " (\(structure.frequency.rawValue))", periodSelect + " " + input("period.value", size: 12))
        html += row(T("Total columns (checked, not stored)"), input("totalColumns", size: 20))
        html += row(T("Total rows are labelled"), input("totalLabels", size: 30))
        html += row(T("Skip rows starting with"), input("ignoreRows", size: 30))
        html += row(T("Sheets (empty: every sheet)"), input("sheets", size: 30))
        html += row(T("Empty value cells"), select("blankCells", [("skip", T("are left out")), ("zero", T("mean 0")), ("error", T("are an error"))]))
        html += "</tbody></table><button type=\"submit\" id=\"apply-mapping\">\(HTML.escape(T("Apply this mapping")))</button></form>"
        return html
    }

    private func row(_ label: String, _ control: String) -> String {
        "<tr>" + HTML.element("th", label) + HTML.container("td", [], control) + "</tr>"
    }

    private func input(_ name: String, size: Int) -> String {
        "<input type=\"text\" name=\"\(HTML.escape(name))\" value=\"\(HTML.escape(form[name]))\" size=\"\(size)\">"
    }

    private func select(_ name: String, _ choices: [(String, String)]) -> String {
        HTML.container("select", [("name", name)], choices.map { HTML.option($0.0, $0.1, selected: form[name] == $0.0) }.joined())
    }
}
