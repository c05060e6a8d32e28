import Analysis
import Foundation
import Replay
import Snapshot
import Testing
import TrailJSON

/// An `unknown` result names what the snapshot lacked, whichever way the replay became unknown, so that the
/// summary counts the calls each gap made unknown once.
@Suite struct MissingDataTests {
    @Test func anAllowThatAnUnknownResourceLayerMakesUnknownNamesTheBucket() throws {
        let snapshot = Snapshot.load(directory: SampleFixesTests.root + "/SampleSnapshot").snapshot
        // alice's group grants s3:GetObject (AmazonS3ReadOnlyAccess); the bucket is in no account of the snapshot.
        let record = try JSONParser.parse(#"{"eventVersion":"1.09","eventID":"e-1","eventTime":"2026-11-28T09:00:00Z","eventSource":"s3.amazonaws.com","eventName":"GetObject","awsRegion":"us-east-1","recipientAccountId":"222233334444","userIdentity":{"type":"IAMUser","arn":"arn:aws:iam::222233334444:user/alice","accountId":"222233334444","principalId":"AIDAEXAMPLE","accessKeyId":"AKIAEXAMPLE"},"requestParameters":{"bucketName":"unlisted-bucket","key":"a.txt"},"errorCode":"AccessDenied","errorMessage":"Access Denied"}"#)
        let outcome = SnapshotAttributor(snapshot: snapshot).replay(RequestBuilder().build(record))
        #expect(outcome.attribution.decision == .unknown)
        #expect(outcome.attribution.missing == ["bucket `unlisted-bucket` (not in the snapshot)"])
        #expect(outcome.unknown.first { $0.layer == .resource }?.missing == "bucket `unlisted-bucket` (not in the snapshot)")
    }
}
