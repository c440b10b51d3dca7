import IMDMSCore

/// Links to the site's own pages come from the route enum.
extension Attribute {
    static func href(_ url: SiteURL) -> Attribute { Attribute("href", url.path) }
}
