import Foundation
import Testing
@testable import ReplayResults

@Suite struct TextTableTests {
    static let arn = "arn:aws:iam::222233334444:role/service-role/very-long-role-name-for-a-lambda-function"

    func sample() -> TextTable {
        var table = TextTable(headers: ["event", "principal", "action", "decision"])
        table.add(["5a3c0d2e-1b4f-4c6a-9e8d-000000000003", Self.arn, "s3:GetObject", "deny"])
        table.add(["5a3c0d2e-1b4f-4c6a-9e8d-000000000004", "arn:aws:iam::222233334444:user/alice", "kms:Decrypt", "allow"])
        return table
    }

    @Test func withoutAWidthEachRowIsOneLine() {
        let lines = sample().render().split(separator: "\n")
        #expect(lines.count == 4)
        #expect(lines[2].contains(Self.arn))
    }

    @Test(arguments: [60, 80, 100, 120])
    func fittedLinesStayWithinTheWidth(width: Int) {
        let text = sample().render(width: width)
        for line in text.split(separator: "\n") { #expect(line.count <= width, "\(line)") }
        // Nothing is lost: the principal column's pieces, read down the table, are the two principals.
        let lines = text.components(separatedBy: "\n")
        let header = lines[0]
        let start = header.distance(from: header.startIndex, to: header.range(of: "principal")!.lowerBound)
        let end = header.distance(from: header.startIndex, to: header.range(of: "action")!.lowerBound)
        let column = lines.dropFirst(2).map { line -> String in
            let characters = Array(line)
            guard characters.count > start else { return "" }
            return String(characters[start..<min(end, characters.count)]).trimmingCharacters(in: .whitespaces)
        }
        #expect(column.joined() == Self.arn + "arn:aws:iam::222233334444:user/alice")
    }

    @Test func aTableThatFitsIsUnchanged() {
        #expect(sample().render(width: 1_000) == sample().render())
    }

    @Test func columnsShrinkWidestFirst() {
        let widths = TextTable.fit([36, 86, 12, 5], into: 100)
        #expect(widths.reduce(0, +) + 2 * 3 <= 100)
        #expect(widths[2] == 12 && widths[3] == 5, "narrow columns keep their width: \(widths)")
        #expect(widths[1] < 86 && widths[0] <= 36)
    }

    @Test func wordsStayWholeWhileTheyFit() {
        let widths = TextTable.fit([36, 86, 17, 13], tokens: [12, 20, 13, 9], into: 100)
        #expect(widths[2] >= 13 && widths[3] == 13, "ec2:StopInstances keeps StopInstances whole: \(widths)")
        #expect(widths.reduce(0, +) + 2 * 3 <= 100)
    }

    @Test func columnsNeverGoBelowTheirMinimum() {
        let widths = TextTable.fit([30, 30, 30, 30], into: 20)
        #expect(widths == Array(repeating: TextTable.minimumColumnWidth, count: 4))
    }

    @Test func cellsWrapAfterARNSeparators() {
        let pieces = CellWrap.lines(Self.arn, width: 30)
        #expect(pieces.joined() == Self.arn)
        #expect(pieces.allSatisfy { $0.count <= 30 })
        for piece in pieces.dropLast() {
            #expect(piece.last.map(CellWrap.breakAfter.contains) == true, "\(piece) should end at a separator")
        }
        #expect(pieces.first == "arn:aws:iam::222233334444:")
    }

    @Test func aCellWithoutSeparatorsBreaksAtTheWidth() {
        let text = String(repeating: "x", count: 25)
        #expect(CellWrap.lines(text, width: 10) == ["xxxxxxxxxx", "xxxxxxxxxx", "xxxxx"])
    }

    @Test func uniquePrefixesAreShortestUnique() {
        let ids = ["5a3c0d2e-1b4f-4c6a-9e8d-000000000003", "5a3c0d2e-1b4f-4c6a-9e8d-000000000004",
                   "7f00aa11-0000-4000-8000-000000000001", "7f00aa12-0000-4000-8000-000000000001"]
        let prefixes = UniquePrefix.prefixes(of: ids + [ids[0]])
        #expect(prefixes[ids[0]] == ids[0])
        #expect(prefixes[ids[1]] == ids[1])
        #expect(prefixes[ids[2]] == "7f00aa11")
        #expect(prefixes[ids[3]] == "7f00aa12")
        for (id, prefix) in prefixes {
            #expect(ids.filter { $0.hasPrefix(prefix) }.allSatisfy { $0 == id })
        }
    }
}
