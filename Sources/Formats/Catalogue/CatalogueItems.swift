import Foundation
import Support

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// The `<Item>`s of every `Catalog` response in a file, as element name → text (the
/// elements of `<Info>` alongside the item's own), with the line each item starts on.
struct CatalogueItems {
  struct Item {
    var line: Int
    var values: [String: String]
  }

  var items: [Item] = []
  /// The platform's total (`SumNum`), when every page gives the same.
  var sumNum: Int?

  /// Parses the decoded text. The documents of a paged answer are read as one: their XML
  /// declarations are blanked (the text is decoded already) and one root wraps them, on
  /// the first line, so the parser's line numbers stay the file's.
  static func parse(_ text: String, file: String) throws -> CatalogueItems {
    var body = text
    while let r = body.range(of: #"<\?xml[^?]*\?>"#, options: .regularExpression) {
      body.replaceSubrange(r, with: "")
    }
    let wrapped = "<camgap-catalogue>" + body + "</camgap-catalogue>"
    let parser = XMLParser(data: Data(wrapped.utf8))
    let collector = Collector()
    parser.delegate = collector
    let parsed = parser.parse()
    if let (line, message) = collector.malformed {
      throw InputError(file: file, location: .line(line), message: message)
    }
    guard parsed, collector.problem == nil else {
      if let (line, message) = collector.problem {
        throw InputError(file: file, location: .line(line), field: "CmdType", message: message)
      }
      let reason = parser.parserError.map { "\($0.localizedDescription)" } ?? "unreadable"
      throw InputError(
        file: file, location: .line(parser.lineNumber), message: "not well-formed XML (\(reason))")
    }
    guard collector.responses > 0 else {
      throw InputError(
        file: file,
        message: "no GB/T 28181 Catalog response (<Response><CmdType>Catalog</CmdType>…) in the file")
    }
    var out = CatalogueItems()
    out.items = collector.items
    let sums = Set(collector.sums)
    if sums.count == 1 { out.sumNum = sums.first }
    return out
  }

  /// What libxml2's commonest error codes mean, in words a planner can act on.
  static func reason(_ code: Int) -> String {
    switch code {
    case 4: return "the file is empty"
    case 5: return "the file ends inside an element"
    case 9: return "a character not allowed in XML"
    case 23: return "an element is not closed"
    case 38, 39, 41: return "an attribute is not written name=\"value\""
    case 68, 73: return "a tag is not closed by >"
    case 76: return "an end tag does not match its start tag"
    default: return "libxml2 error \(code)"
    }
  }

  /// Collects items while the parser walks the file; stops at the first response that is
  /// not a catalogue.
  final class Collector: NSObject, XMLParserDelegate {
    var items: [Item] = []
    var sums: [Int] = []
    var responses = 0
    var problem: (Int, String)?
    var malformed: (Int, String)?
    var path: [String] = []
    var text = ""
    var current: Item?

    func parser(
      _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
      attributes: [String: String] = [:]
    ) {
      path.append(name)
      text = ""
      if name == "Item", path.contains("DeviceList") { current = Item(line: parser.lineNumber, values: [:]) }
      if name == "Response" { responses += 1 }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

    func parser(_ parser: XMLParser, parseErrorOccurred error: Error) {
      if problem == nil {
        malformed = (
          parser.lineNumber, "not well-formed XML (\(CatalogueItems.reason((error as NSError).code)))"
        )
      }
    }

    func parser(
      _ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?
    ) {
      let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
      defer {
        path.removeLast()
        text = ""
      }
      if name == "Item", let item = current, path.dropLast().contains("DeviceList") {
        items.append(item)
        current = nil
        return
      }
      if current != nil {
        if !value.isEmpty && current?.values[name] == nil { current?.values[name] = value }
        return
      }
      if path.count == 3, path[1] == "Response" {
        if name == "CmdType", value != "Catalog" {
          problem = (parser.lineNumber, "a \(value) response, not a Catalog; export the catalogue")
          parser.abortParsing()
        }
        if name == "SumNum", let n = Int(value) { sums.append(n) }
      }
    }
  }
}
