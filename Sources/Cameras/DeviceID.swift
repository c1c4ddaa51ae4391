import Foundation

/// Why a camera id fails the GB/T 28181 check; the message is meant to be shown after the file
/// and feature or line that carried the id.
public struct DeviceIDProblem: Error, Equatable, CustomStringConvertible {
  public var message: String

  public init(message: String) {
    self.message = message
  }

  public var description: String { message }
}

/// GB/T 28181 device codes (SPEC §1), checked under `--strict-ids` so that a registry fed into a
/// national video-sharing platform holds only codes that platform accepts as cameras.
public enum DeviceID {
  /// Province-level prefixes of GB/T 2260; a code outside them cannot belong to any Chinese
  /// administrative division.
  static let provinceCodes: Set<String> = {
    var codes: Set<String> = []
    let ranges: [ClosedRange<Int>] = [
      11...15, 21...23, 31...37, 41...46, 50...54, 61...65, 71...71, 81...82,
    ]
    for range in ranges {
      for code in range { codes.insert(String(code)) }
    }
    return codes
  }()

  static let cameraTypes: Set<String> = ["131", "132"]
  /// 0–4 private video network, 5 public-security network, 7 internet; 6, 8 and 9 are unassigned.
  static let networkDigits: Set<Character> = ["0", "1", "2", "3", "4", "5", "7"]

  /// nil when `id` is a valid GB/T 28181 camera code; otherwise the first thing wrong with it,
  /// checked in reading order (length, division, type, network).
  public static func problem(in id: String) -> DeviceIDProblem? {
    let characters = Array(id)
    for (index, character) in characters.enumerated() where !isASCIIDigit(character) {
      return DeviceIDProblem(
        message: "must be 20 digits, found \(String(character).debugDescription) at position \(index + 1)")
    }
    if characters.count != 20 {
      return DeviceIDProblem(message: "must be 20 digits, got \(characters.count)")
    }
    let division = String(characters[0..<6])
    let province = String(characters[0..<2])
    if !provinceCodes.contains(province) {
      return DeviceIDProblem(
        message:
          "administrative division \(division) does not start with a Chinese province code (\(province) is not one)"
      )
    }
    let type = String(characters[10..<13])
    if !cameraTypes.contains(type) {
      return DeviceIDProblem(message: "device type \(type) is not a camera (131 or 132)")
    }
    let network = characters[13]
    if !networkDigits.contains(network) {
      return DeviceIDProblem(message: "network digit \(network) is not 0-5 or 7")
    }
    return nil
  }

  /// Splits a valid code into its parts for display; nil when `problem(in:)` finds one.
  /// `division` is the 8-digit administrative division plus base-unit code.
  public static func parts(of id: String) -> (
    division: String, industry: String, type: String, network: String, serial: String
  )? {
    guard problem(in: id) == nil else { return nil }
    let characters = Array(id)
    return (
      division: String(characters[0..<8]),
      industry: String(characters[8..<10]),
      type: String(characters[10..<13]),
      network: String(characters[13..<14]),
      serial: String(characters[14..<20])
    )
  }

  static func isASCIIDigit(_ character: Character) -> Bool {
    guard let ascii = character.asciiValue else { return false }
    return ascii >= UInt8(ascii: "0") && ascii <= UInt8(ascii: "9")
  }
}
