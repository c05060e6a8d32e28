import Analysis
import Replay
import Snapshot
import Testing
import TrailReader

/// `explain`'s first line says whether the record is an authorization failure at all.
@Suite struct ExplanationHeadlineTests {
    static func explained(_ pick: (SelectedRecord) -> Bool) throws -> String {
        let attributor = SnapshotAttributor(snapshot: Snapshot.load(directory: SampleFixesTests.root + "/SampleSnapshot").snapshot)
        let files = LogFileLocator().discover([SampleFixesTests.root + "/SampleLogs"]).files
        let reader = LogFileReader(options: ReadOptions(selection: .all))
        var chosen: RebuiltRequest?
        for file in files {
            _ = reader.read(file) { record in
                if chosen == nil, pick(record) { chosen = RequestBuilder().build(record.value) }
            }
        }
        let request = try #require(chosen)
        return Explanation.render(request: request, outcome: attributor.replay(request))
    }

    @Test func aSucceededCallSaysSoFirst() throws {
        let text = try Self.explained { $0.value["errorCode"] == nil }
        let first = text.split(separator: "\n").first.map(String.init) ?? ""
        #expect(first.hasSuffix("succeeded: it is not an authorization failure; its replay against the snapshot follows"), "\(first)")
        #expect(text.contains("\nlayers\n"), "the replay still follows")
    }

    @Test func aDenyNamesItsErrorCode() throws {
        let text = try Self.explained { $0.isAuthorizationFailure }
        let first = text.split(separator: "\n").first.map(String.init) ?? ""
        #expect(first.contains(" failed with AccessDenied") || first.contains(" failed with Client.UnauthorizedOperation"), "\(first)")
        #expect(!first.contains("not an authorization failure"))
    }

    @Test func anUnknownResultNamesItsReasonOnceInTheAdvice() throws {
        let text = try Self.explained { $0.value["eventSource"]?.stringValue == "kinesis.amazonaws.com" && $0.isAuthorizationFailure }
        let advice = text.components(separatedBy: "what would have to change").last ?? ""
        #expect(advice.contains("collect the missing snapshot data named above"), "\(text)")
    }
}
