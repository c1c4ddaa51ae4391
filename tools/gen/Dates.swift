// Dates are day counts since 1970-01-01, converted by hand (Hinnant's civil calendar
// algorithms) so that neither the time zone nor the locale of the machine shows up in a bundle.

func dayNumber(_ year: Int, _ month: Int, _ day: Int) -> Int {
  let y = month <= 2 ? year - 1 : year
  let era = (y >= 0 ? y : y - 399) / 400
  let yoe = y - era * 400
  let mp = (month + 9) % 12
  let doy = (153 * mp + 2) / 5 + day - 1
  let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
  return era * 146_097 + doe - 719_468
}

func isoDate(_ days: Int) -> String {
  let z = days + 719_468
  let era = (z >= 0 ? z : z - 146_096) / 146_097
  let doe = z - era * 146_097
  let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
  let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
  let mp = (5 * doy + 2) / 153
  let day = doy - (153 * mp + 2) / 5 + 1
  let month = mp < 10 ? mp + 3 : mp - 9
  let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
  return "\(year)-\(pad2(month))-\(pad2(day))"
}

private func pad2(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }

/// The day the synthetic registries are "exported": installed dates lie before it, planned
/// cameras and some zone validity windows after it.
let referenceDay = dayNumber(2025, 6, 1)
