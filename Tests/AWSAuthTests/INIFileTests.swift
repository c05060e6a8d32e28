import AWSAuth
import Testing

/// The shared files' format.
/// https://docs.aws.amazon.com/sdkref/latest/guide/file-format.html
@Suite struct INIFileTests {
    @Test func sectionsKeysCommentsAndNestedSettings() throws {
        let file = try INIFile(parsing: """
            # comment
            [default]
            region = eu-west-1
            ; another comment
            s3 =
              addressing_style = path
              max_concurrent_requests=20
            output=json

            [profile prod]   # trailing comment
              aws_access_key_id   =   AKIDPROD\r
            """)
        let main = try #require(file.section("default"))
        #expect(main.properties["region"] == "eu-west-1")
        #expect(main.properties["s3"] == "")
        #expect(main.nested["s3"] == ["addressing_style": "path", "max_concurrent_requests": "20"])
        #expect(main.properties["output"] == "json")
        #expect(file.section("profile prod")?.properties["aws_access_key_id"] == "AKIDPROD")
    }

    @Test func aRepeatedSectionContinuesTheFirst() throws {
        let file = try INIFile(parsing: "[a]\nx = 1\n[b]\ny = 2\n[a]\nz = 3\n")
        #expect(file.sections.map(\.name) == ["a", "b"])
        #expect(file.section("a")?.properties == ["x": "1", "z": "3"])
    }

    @Test(arguments: [
        ("x = 1\n", 1, "setting before any section header"),
        ("[a\n", 1, "section header without `]`"),
        ("[a]\njust words\n", 2, "expected `key = value`"),
        ("[a]\n = value\n", 2, "empty key"),
        ("[]\n", 1, "empty section name"),
    ])
    func badLinesAreNamed(_ text: String, _ line: Int, _ message: String) {
        #expect(throws: INIFile.ParseError(line: line, message: message)) { try INIFile(parsing: text) }
    }
}
