import Analysis
import Foundation
import Pipeline
import Testing

/// `whatif --candidate`: which files a candidate changes, the scope that follows, and the checks before use.
@Suite struct CandidateSnapshotTests {
    static func copy(_ edit: (String) throws -> Void) throws -> String {
        let folder = Sample.temporaryDirectory() + "/candidate"
        try FileManager.default.copyItem(atPath: Sample.snapshot, toPath: folder)
        try edit(folder)
        return folder
    }

    @Test func onlyOrganizationFilesChangedIsJudgedOnTheOrganizationLayers() throws {
        let folder = try Self.copy { folder in
            let path = folder + "/organization/policies/p-7tr41lpr.json"
            let text = try String(contentsOfFile: path, encoding: .utf8)
            try text.replacingOccurrences(of: "cloudtrail:DeleteTrail", with: "cloudtrail:UpdateTrail")
                .write(toFile: path, atomically: true, encoding: .utf8)
        }
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let candidate = try CandidateSnapshot.load(directory: folder, today: Sample.snapshot)
        #expect(candidate.changedFiles == ["organization/policies/p-7tr41lpr.json"])
        #expect(candidate.scope == .organization)
    }

    @Test func anAddedOrRemovedAccountFileIsAChangeOfAnyLayer() throws {
        let folder = try Self.copy { folder in
            try FileManager.default.removeItem(atPath: folder + "/accounts/555566667777/s3/example-data.json")
            try #"{"Policy": "{\"Version\":\"2012-10-17\",\"Statement\":[]}"}"#
                .write(toFile: folder + "/accounts/222233334444/s3/new-bucket.json", atomically: true, encoding: .utf8)
        }
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let candidate = try CandidateSnapshot.load(directory: folder, today: Sample.snapshot)
        #expect(candidate.changedFiles == ["accounts/222233334444/s3/new-bucket.json", "accounts/555566667777/s3/example-data.json"])
        #expect(candidate.scope == .anyLayer)
        #expect(candidate.changeLine(directory: "C") == "whatif: candidate C changes 2 files: " + candidate.changedFiles.joined(separator: ", "))
    }

    @Test func aPolicyThatDoesNotParseInAChangedFileIsRefusedWithItsFile() throws {
        let folder = try Self.copy { folder in
            let path = folder + "/organization/policies/p-7tr41lpr.json"
            let text = try String(contentsOfFile: path, encoding: .utf8)
            try text.replacingOccurrences(of: #"\"Effect\": \"Deny\""#, with: #"\"Effect\": \"Maybe\""#)
                .write(toFile: path, atomically: true, encoding: .utf8)
        }
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect {
            try CandidateSnapshot.load(directory: folder, today: Sample.snapshot)
        } throws: { error in
            "\(error)".contains(folder + "/organization/policies/p-7tr41lpr.json") && "\(error)".contains("Maybe")
        }
        #expect(throws: WhatIfRun.CandidateError.self) {
            try CandidateSnapshot.load(directory: folder + "/missing", today: Sample.snapshot)
        }
    }
}
