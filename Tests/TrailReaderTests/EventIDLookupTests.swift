import Testing
import TrailJSON
@testable import TrailReader

@Suite struct EventIDLookupTests {
    /// Reads `records` (one JSON object each) through the lookup, as `explain` does.
    func lookup(_ query: String, in records: [String]) -> EventIDLookup.Outcome {
        let dir = TemporaryDirectory()
        let path = dir.write("log.json", #"{"Records":["# + records.joined(separator: ",") + "]}")
        var lookup = EventIDLookup(query: query)
        let reader = LogFileReader(options: ReadOptions(selection: lookup.selection))
        _ = reader.read(LogFile(path: path, key: nil)) { lookup.add($0) }
        return lookup.outcome
    }

    func record(_ id: String, failed: Bool = false) -> String {
        TrailReaderTests.record(id, errorCode: failed ? "AccessDenied" : nil)
    }

    @Test func anExactIDWinsOverLongerOnes() throws {
        guard case .found(let value) = lookup("abc", in: [record("abcd"), record("abc")]) else {
            Issue.record("not found"); return
        }
        #expect(value["eventID"]?.stringValue == "abc")
    }

    @Test func aUniquePrefixNamesItsEvent() throws {
        guard case .found(let value) = lookup("7f00", in: [record("7f00-1"), record("7f00-1"), record("8000")]) else {
            Issue.record("not found"); return
        }
        #expect(value["eventID"]?.stringValue == "7f00-1")
    }

    @Test func aPrefixNamingOneFailureAmongSuccessesNamesTheFailure() throws {
        guard case .found(let value) = lookup("7f", in: [record("7f01"), record("7f02", failed: true)]) else {
            Issue.record("not found"); return
        }
        #expect(value["eventID"]?.stringValue == "7f02")
    }

    @Test func anAmbiguousPrefixNamesItsCandidates() throws {
        let outcome = lookup("7f", in: [record("7f02", failed: true), record("7f01", failed: true)])
        guard case .ambiguous(let candidates, let more) = outcome else { Issue.record("\(outcome)"); return }
        #expect(candidates == ["7f01", "7f02"])
        #expect(!more)
    }

    @Test func manyCandidatesAreCutAndSaySo() throws {
        let outcome = lookup("id", in: (0..<30).map { record("id\($0)") })
        guard case .ambiguous(let candidates, let more) = outcome else { Issue.record("\(outcome)"); return }
        #expect(candidates.count == EventIDLookup.candidatesShown)
        #expect(more)
    }

    @Test func nothingMatching() throws {
        guard case .notFound = lookup("zz", in: [record("7f01")]) else { Issue.record("found"); return }
    }
}
