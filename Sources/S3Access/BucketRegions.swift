/// The region each bucket was found in, learnt from redirects; requests are signed for it.
actor BucketRegions {
    private var regions: [String: String] = [:]
    let defaultRegion: String

    init(defaultRegion: String) { self.defaultRegion = defaultRegion }

    func region(of bucket: String) -> String { regions[bucket] ?? defaultRegion }

    func learn(_ region: String, for bucket: String) { regions[bucket] = region }
}
