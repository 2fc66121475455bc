using System.Globalization;
using System.Text.RegularExpressions;
using MedEngine.Units;

namespace MedEngine.Normalization;

internal static partial class DosageTextParser
{
    /// <summary>How often: <see cref="Times"/> administrations in <see cref="Days"/> days, and what the times of day named beside it must agree with.</summary>
    private sealed record Frequency(decimal Times, decimal Days, FrequencyKind Kind, bool Stated = true);

    private enum FrequencyKind
    {
        /// <summary>Times a day ("x 3", "3 ganger daglig", "bid"): the times of day named, if any, are as many.</summary>
        PerDay,

        /// <summary>Every so many hours: no times of day beside it.</summary>
        Interval,

        /// <summary>Every so many days or weeks, or so many times a week: at most one time of day beside it.</summary>
        Period,

        /// <summary>On named weekdays: each time of day named is taken on each of those days.</summary>
        Weekdays,
    }

    /// <summary>A clock time in the text, by its hour.</summary>
    private sealed record ClockTime(int Hour);

    /// <summary>The time of day of a clock time, read as one administration like morning or evening.</summary>
    private const int ClockSlot = 9;

    /// <summary>An amount as written; <see cref="Low"/> is set for a range ("1-2": Low 1, Value 2).</summary>
    private sealed record Amount(decimal Value, MeasureUnit? Unit, decimal? Low = null);

    /// <summary>One text being read: the phrases found, taken out of the text one by one, and what they add up to.</summary>
    private sealed class DosageTextReading(string written)
    {
        private readonly List<Frequency> _frequencies = [];
        private readonly List<Amount> _ranges = [];
        private readonly List<string> _problems = [];
        private bool _asNeeded;
        private bool _alsoRegular;
        private bool _perSite;
        private bool _daily;
        private bool _exceptDays;
        private decimal? _upToTimes;
        private decimal? _days;
        private Amount? _crossAmount;
        private List<Amount>? _schedule;

        public DosageInterpretation Read(string rest)
        {
            _perSite = Take(ref rest, PerSite()) is not null;
            while (Take(ref rest, OneSite()) is not null)
            {
            }

            while (Take(ref rest, AsNeededPattern()) is { } asNeeded)
            {
                _asNeeded = true;
                _alsoRegular |= AlsoBefore().IsMatch(rest.AsSpan(0, asNeeded.Index));
            }

            while (Take(ref rest, Indication()) is not null || (_asNeeded && Take(ref rest, BareSymptom()) is not null))
            {
            }

            Take(ref rest, UntilFurtherNotice());
            var max = Take(ref rest, MaxPattern());
            if (Take(ref rest, Course()) is { } course)
            {
                _days = Number(course, "n") * (course.Groups["u"].Value[0] is 'u' or 'w' ? 7 : 1);
            }

            TakeSchedule(ref rest);
            TakeFrequencies(ref rest);
            while (Take(ref rest, Daily()) is not null)
            {
                _daily = true;
            }

            // Each time of day becomes a marker in its place, @0 morning, @1 midday, @2 evening, @3 night, @4 forenoon, @5 afternoon,
            // so that the amounts around it can be paired with it.
            rest = TimeOfDay().Replace(rest, slot => $" @{"mdenfa".IndexOf("mdenfa".First(c => slot.Groups[c.ToString()].Success), StringComparison.Ordinal)} ");

            return Walk(rest, out var items) is { } unknown
                ? NotUnderstood($"Dosage text not understood: '{written}' (could not read '{unknown}').")
                : Combine(items, max);
        }

        private void TakeSchedule(ref string rest)
        {
            if (Schedule().Match(rest) is { Success: true } schedule)
            {
                var parts = schedule.Groups["n"].Captures.Select(c => c.Value).ToList();
                if (parts.Any(p => p.Length > 1 && p[0] == '0' && p[1] != '.'))
                {
                    // 08-14-20 is a list of hours, not a schedule.
                    Replace(ref rest, schedule, Clocks(parts.Select(p => int.Parse(p, CultureInfo.InvariantCulture))));
                }
                else
                {
                    Replace(ref rest, schedule, " ");
                    var unit = UnitOf(schedule);
                    _schedule = parts.Select(p => new Amount(decimal.Parse(p, CultureInfo.InvariantCulture), unit)).ToList();
                }
            }

            rest = ClockAmPm().Replace(rest, clock => Clocks([(int.Parse(clock.Groups["h"].Value, CultureInfo.InvariantCulture) % 12) + (clock.Groups["pm"].Value[0] == 'p' ? 12 : 0)]));
            rest = ClockTimes().Replace(rest, clock => Clocks(clock.Groups["h"].Captures.Select(c => int.Parse(c.Value.Split('.', ':')[0], CultureInfo.InvariantCulture))));
        }

        /// <summary>Clock times as markers in their place (@c8 for 08:00), to be read as times of day.</summary>
        private static string Clocks(IEnumerable<int> hours) => " " + string.Join(' ', hours.Select(h => "@c" + h.ToString(CultureInfo.InvariantCulture))) + " ";

        private void TakeFrequencies(ref string rest)
        {
            if (Take(ref rest, TimesRange()) is { } timesRange)
            {
                _upToTimes = Number(timesRange, "b");
            }
            else if (Take(ref rest, IntervalRange()) is { } intervalRange && Number(intervalRange, "a") > 0)
            {
                _upToTimes = 24m / Number(intervalRange, "a");
            }

            while (Take(ref rest, AmountRange(), " @r ") is { } range)
            {
                _ranges.Add(new Amount(Number(range, "b"), UnitOf(range), Number(range, "a")));
            }

            if (Take(ref rest, Cross()) is { } cross)
            {
                _crossAmount = cross.Groups["a"].Success ? new Amount(Number(cross, "a"), UnitOf(cross)) : null;
                _frequencies.Add(cross.Groups["week"].Success
                    ? new Frequency(Number(cross, "t"), 7, FrequencyKind.Period)
                    : new Frequency(Number(cross, "t"), 1, FrequencyKind.PerDay));
            }

            if (Take(ref rest, DaysPerWeek()) is { } daysPerWeek)
            {
                _frequencies.Add(new Frequency(Number(daysPerWeek, "n"), 7, FrequencyKind.Weekdays));
            }

            if (Take(ref rest, Weekly()) is { } weekly)
            {
                var times = weekly.Groups["n"].Success ? Number(weekly, "n") : weekly.Groups["w"].Value switch { "twice" => 2, "thrice" => 3, _ => 1 };
                _frequencies.Add(new Frequency(times, 7, FrequencyKind.Period));
            }

            TakeWeekdays(ref rest);
            if (Take(ref rest, EveryOther()) is { } other)
            {
                _frequencies.Add(new Frequency(1, other.Groups["u"].Value is "uke" or "week" ? 14 : 2, FrequencyKind.Period));
            }

            if (Take(ref rest, EveryDays()) is { } everyDays && Number(everyDays, "n") > 0)
            {
                _frequencies.Add(new Frequency(1, Number(everyDays, "n") * (everyDays.Groups["u"].Value[0] is 'u' or 'w' ? 7 : 1), FrequencyKind.Period));
            }

            if (Take(ref rest, EveryHours()) is { } hours && Number(hours, "h") > 0)
            {
                _frequencies.Add(new Frequency(24, Number(hours, "h"), FrequencyKind.Interval));
            }

            if (Take(ref rest, TimesPerDay()) is { } perDay)
            {
                _frequencies.Add(new Frequency(Number(perDay, "n"), 1, FrequencyKind.PerDay));
            }

            if (Take(ref rest, OnceTwice()) is { } word)
            {
                _frequencies.Add(new Frequency(word.Groups["w"].Value switch { "once" => 1, "twice" => 2, _ => 3 }, 1, FrequencyKind.PerDay));
            }

            if (Take(ref rest, Latin()) is { } latin)
            {
                var code = latin.Groups["l"].Value.Replace(".", "", StringComparison.Ordinal);
                _frequencies.Add(new Frequency(code switch { "bid" or "bd" => 2, "tid" or "tds" => 3, "qid" or "qds" => 4, _ => 1 }, 1, FrequencyKind.PerDay));
            }
        }

        private void TakeWeekdays(ref string rest)
        {
            if (Take(ref rest, ExceptDays()) is { } except)
            {
                _exceptDays = true;
                _frequencies.Add(new Frequency(7 - except.Groups["d"].Captures.Select(c => DayIndex(c.Value)).Distinct().Count(), 7, FrequencyKind.Weekdays));
            }
            else if (Take(ref rest, DayRange()) is { } range)
            {
                _frequencies.Add(new Frequency(((DayIndex(range.Groups["b"].Value) - DayIndex(range.Groups["a"].Value) + 7) % 7) + 1, 7, FrequencyKind.Weekdays));
            }
            else if (DayList().Match(rest) is { Success: true } list)
            {
                var days = list.Groups["d"].Captures.Select(c => c.Value).ToList();
                var named = days.Count > 1 || list.Groups["every"].Success || days[0].TrimEnd('.').Length > 4;
                if (named)
                {
                    // A lone short day ("man", "fri") is a day only after "hver"/"every": "man" is also a pronoun.
                    Take(ref rest, DayList());
                    _frequencies.Add(new Frequency(days.Select(DayIndex).Distinct().Count(), 7, FrequencyKind.Weekdays));
                }
            }
        }

        private static int DayIndex(string day) => day[..2] switch
        {
            "ma" or "mo" => 0,
            "ti" or "tu" => 1,
            "on" or "we" => 2,
            "to" or "th" => 3,
            "fr" => 4,
            "lø" or "sa" => 5,
            _ => 6,
        };

        /// <summary>Reads what is left, in order: amounts (with their units), ranges, times of day; returns the words that are none of these and no filler.</summary>
        private static string? Walk(string rest, out List<object> items)
        {
            items = [];
            var tokens = Token().Matches(rest).Select(m => m.Value).ToList();
            var unknown = new List<string>();
            for (var i = 0; i < tokens.Count; i++)
            {
                var token = tokens[i];
                if (char.IsAsciiDigit(token[0]))
                {
                    MeasureUnit? unit = null;
                    if (i + 1 < tokens.Count && !char.IsAsciiDigit(tokens[i + 1][0]) && DosageWords.TryUnit(tokens[i + 1], out var found))
                    {
                        unit = found;
                        i++;
                    }

                    items.Add(new Amount(decimal.Parse(token, CultureInfo.InvariantCulture), unit));
                }
                else if (token == "@r")
                {
                    items.Add(token);
                }
                else if (token.StartsWith("@c", StringComparison.Ordinal))
                {
                    items.Add(new ClockTime(int.Parse(token.AsSpan(2), CultureInfo.InvariantCulture)));
                }
                else if (token[0] == '@')
                {
                    items.Add(token[1] - '0');
                }
                else if (!DosageWords.IsFiller(token) && !DosageWords.TryUnit(token, out _))
                {
                    unknown.Add(token);
                }
            }

            items = OneTimePerAdministration(items);
            return unknown.Count > 0 ? string.Join(' ', unknown) : null;
        }

        /// <summary>
        /// A clock time right beside a time of day it falls in is the same administration ("morgen (kl 08)"); any other clock time is a time of
        /// day of its own ("1 tbl kl 8 og 2 tbl kveld").
        /// </summary>
        private static List<object> OneTimePerAdministration(List<object> items)
        {
            bool SameTime(int index, int hour) => index >= 0 && index < items.Count && items[index] is int slot && slot < ClockSlot && SlotHours[slot](hour);
            return items
                .Select((item, i) => item is ClockTime clock ? (SameTime(i - 1, clock.Hour) || SameTime(i + 1, clock.Hour) ? null : ClockSlot) : item)
                .OfType<object>()
                .ToList();
        }

        /// <summary>The hours each time of day covers: morning, midday, evening, night, forenoon, afternoon.</summary>
        private static readonly Func<int, bool>[] SlotHours =
        [
            h => h is >= 4 and <= 11,
            h => h is >= 11 and <= 17,
            h => h is >= 16 and <= 23,
            h => h is >= 20 or <= 4,
            h => h is >= 8 and <= 12,
            h => h is >= 12 and <= 18,
        ];

        private DosageInterpretation Combine(List<object> items, Match? max)
        {
            var rangeIndex = 0;
            var amounts = items.Select(i => i switch { "@r" => _ranges[rangeIndex++], _ => i }).ToList();
            if (!Associate(amounts, out var slotted, out var loose, out var problem))
            {
                return NotUnderstood($"Dosage text not understood: '{written}' ({problem}).");
            }

            var all = slotted.Select(s => s.Amount).Concat(loose).Concat(_schedule ?? []).Append(_crossAmount).OfType<Amount>().ToList();
            var units = all.Select(a => a.Unit).OfType<MeasureUnit>().Distinct().ToList();
            if (units.Count > 1)
            {
                return NotUnderstood($"Dosage text not understood: '{written}' (amounts in {string.Join(" and ", units.Select(u => u.Symbol))}).");
            }

            var writtenAmounts = items.Count(i => i is Amount or "@r") + (_crossAmount is null ? 0 : 1);
            if (_asNeeded && (_alsoRegular || writtenAmounts > 1))
            {
                return NotUnderstood($"Dosage text not understood: '{written}' (a regular dose and an as-needed one in one text).");
            }

            if ((_schedule is null && all.Any(a => a.Value == 0)) || _frequencies.Any(f => f.Times == 0))
            {
                return NoDailyDose(written, "it gives a dose or a frequency of 0");
            }

            var unit = units.SingleOrDefault() ?? MeasureUnits.ProductUnit;
            return _schedule is not null
                ? FromSchedule(slotted, loose, unit)
                : FromFrequency(slotted, loose, unit, max);
        }

        /// <summary>
        /// Pairs amounts with times of day. "1 tbl morgen og 2 tbl kveld": an amount goes with the times of day after it;
        /// "morgen 1, kveld 2": when a time of day comes first, each amount goes with the times of day before it.
        /// </summary>
        private static bool Associate(List<object> items, out List<(int Slot, Amount? Amount)> slotted, out List<Amount> loose, out string problem)
        {
            slotted = [];
            loose = [];
            problem = "";
            var pending = new List<int>();
            Amount? current = null;
            var used = false;
            var slotFirst = items.FirstOrDefault() is int;
            foreach (var item in items)
            {
                if (item is int slot && slotFirst)
                {
                    pending.Add(slot);
                }
                else if (item is int after)
                {
                    slotted.Add((after, current));
                    used = true;
                }
                else if (item is Amount amount && slotFirst)
                {
                    if (pending.Count == 0)
                    {
                        loose.Add(amount);
                    }

                    slotted.AddRange(pending.Select(s => (s, (Amount?)amount)));
                    pending.Clear();
                }
                else if (item is Amount next)
                {
                    if (current is not null && !used)
                    {
                        loose.Add(current);
                    }

                    (current, used) = (next, false);
                }
            }

            slotted.AddRange(pending.Select(s => (s, (Amount?)null)));
            if (current is not null && !used)
            {
                loose.Add(current);
            }

            if (slotted.Count > 0 && slotted.Any(s => s.Amount is null) && slotted.Any(s => s.Amount is not null))
            {
                problem = "some times of day have an amount and some do not";
            }
            else if (slotted.Count > 0 && loose.Count > 0)
            {
                problem = "an amount without a time of day beside amounts with one";
            }
            else if (loose.Count > 1)
            {
                problem = "more than one amount: " + string.Join(", ", loose.Select(a => a.Value.ToString(CultureInfo.InvariantCulture)));
            }

            return problem.Length == 0;
        }

        private DosageInterpretation FromSchedule(List<(int Slot, Amount? Amount)> slotted, List<Amount> loose, MeasureUnit unit)
        {
            var parts = _schedule!;
            var given = Enumerable.Range(0, parts.Count).Where(i => parts[i].Value > 0).ToList();
            if (loose.Count > 0 || slotted.Any(s => s.Amount is not null) || _crossAmount is not null || _ranges.Count > 0)
            {
                return NotUnderstood($"Dosage text not understood: '{written}' (an amount beside the schedule).");
            }

            var named = slotted.Where(s => s.Slot != ClockSlot).Select(s => s.Slot).Order().ToList();
            var clocks = slotted.Count(s => s.Slot == ClockSlot);
            if (_frequencies.Count > 0 || _upToTimes is not null || (clocks > 0 && clocks != given.Count) || (named.Count > 0 && !named.SequenceEqual(given)))
            {
                return NotUnderstood($"Dosage text not understood: '{written}' (the schedule and the times or frequency beside it disagree).");
            }

            if (given.Count == 0)
            {
                return NoDailyDose(written, "the schedule gives no dose");
            }

            var doses = given.Select(i => parts[i].Value).ToList();
            return new DosageInterpretation
            {
                AmountPerDose = doses.Distinct().Count() == 1 ? new Quantity(doses[0], unit) : null,
                TimesPerDay = _asNeeded ? null : given.Count,
                AmountPerDay = _asNeeded || _perSite ? null : new Quantity(doses.Sum(), unit),
                AsNeeded = _asNeeded,
                DurationDays = _days,
                Problem = _perSite ? NoDailyDoseProblem(written, "the amount is per eye, ear or nostril") : null,
            };
        }

        private DosageInterpretation FromFrequency(List<(int Slot, Amount? Amount)> slotted, List<Amount> loose, MeasureUnit unit, Match? max)
        {
            if (_crossAmount is not null && (loose.Count > 0 || slotted.Any(s => s.Amount is not null)))
            {
                return NotUnderstood($"Dosage text not understood: '{written}' (more than one amount).");
            }

            var frequencies = Merged(_frequencies);
            if (frequencies.Count > 1)
            {
                return NotUnderstood($"Dosage text not understood: '{written}' (more than one frequency).");
            }

            var named = slotted.Count;
            var frequency = frequencies.SingleOrDefault()
                ?? (named > 0 ? new Frequency(named, 1, FrequencyKind.PerDay, Stated: false)
                : _daily ? new Frequency(1, 1, FrequencyKind.PerDay, Stated: false) : null);
            if (frequency is not null && !Agrees(frequency, named))
            {
                return NotUnderstood($"Dosage text not understood: '{written}' (the frequency and the {named} times of day beside it disagree).");
            }

            var single = _crossAmount ?? loose.SingleOrDefault();
            var perAdministration = slotted.Count > 0 ? slotted.Select(s => s.Amount ?? single).ToList() : [single];
            var known = perAdministration.All(a => a is not null) ? perAdministration.Select(a => a!).ToList() : null;
            var isRange = known?.Any(a => a.Low is not null) == true;

            // The amount over one cycle of the frequency: per time of day on a day it is taken, else per administration times the administrations.
            decimal? TimesPerCycle() => frequency is null ? null : frequency.Kind == FrequencyKind.Weekdays && named > 0 ? frequency.Times * named : frequency.Times;
            decimal? cycleAmount = known is null || frequency is null ? null
                : slotted.Count > 0 ? known.Sum(a => a.Value) * (frequency.Kind == FrequencyKind.PerDay ? 1 : frequency.Times)
                : known[0].Value * frequency.Times;
            var amountPerDose = known is not null && !isRange && known.Select(a => a.Value).Distinct().Count() == 1 ? new Quantity(known[0].Value, unit) : null;

            var (maxTimes, maxAmount) = Maximum(max, amountPerDose, isRange ? known!.Max(a => a.Value) : null, unit, frequency);
            var regular = !_asNeeded && frequency is not null && _upToTimes is null;
            if (isRange && regular && frequency!.Days == 1 && cycleAmount is { } high)
            {
                maxAmount ??= new Quantity(high, unit);
            }

            if (frequency is null && !_asNeeded && maxTimes is null && maxAmount is null)
            {
                return NotUnderstood($"Dosage text not understood: '{written}' (it gives no frequency).");
            }

            if (isRange)
            {
                _problems.Add("a range of amounts");
            }

            if (_perSite)
            {
                _problems.Add("the amount is per eye, ear or nostril");
            }

            if (!_asNeeded && !regular && (maxTimes is not null || maxAmount is not null))
            {
                _problems.Add("only the most per day is given");
            }

            var daily = regular && !isRange && !_perSite && cycleAmount is { } amount ? new Quantity(amount / frequency!.Days, unit) : null;
            return new DosageInterpretation
            {
                AmountPerDose = amountPerDose,
                TimesPerDay = regular ? TimesPerCycle() / frequency!.Days : null,
                AmountPerDay = daily,
                AsNeeded = _asNeeded,
                MaxTimesPerDay = maxTimes,
                MaxAmountPerDay = maxAmount,
                DurationDays = _days,
                Problem = _problems.Count > 0 ? NoDailyDoseProblem(written, string.Join("; ", _problems)) : null,
            };
        }

        /// <summary>
        /// Two frequencies that say one thing: "x 1" beside every other day or weekly is once on each of those days ("1 tbl x 1 hver 2. dag");
        /// "2 ganger i uken, mandag og torsdag" names the two days.
        /// </summary>
        private static List<Frequency> Merged(List<Frequency> frequencies)
        {
            if (frequencies is not [var first, var second])
            {
                return frequencies;
            }

            var (a, b) = first.Kind <= second.Kind ? (first, second) : (second, first);
            var once = a is { Kind: FrequencyKind.PerDay, Times: 1 } && b.Kind is FrequencyKind.Period or FrequencyKind.Weekdays;
            var namedDays = a is { Kind: FrequencyKind.Period, Days: 7 } && b.Kind == FrequencyKind.Weekdays && a.Times == b.Times;
            return once || namedDays ? [b] : frequencies;
        }

        private bool Agrees(Frequency frequency, int named)
        {
            var dailyAgrees = !_daily || frequency.Kind is FrequencyKind.PerDay or FrequencyKind.Interval || _exceptDays;
            return dailyAgrees && frequency.Kind switch
            {
                FrequencyKind.PerDay => named == 0 || named == frequency.Times,
                FrequencyKind.Interval => named == 0,
                FrequencyKind.Period => named <= 1,
                _ => true,
            };
        }

        private static bool IsTimes(Match max) => max.Groups["x"].Success || max.Groups["times"].Success;

        /// <summary>
        /// The most per day: as stated ("maks 4 tabletter per døgn", "inntil 3 ganger daglig"), from a stated frequency of an as-needed dose
        /// ("hver 6. time ved behov": 4), or from a range of frequencies ("2-3 ganger daglig": 3). "maks 4 per døgn" counts administrations
        /// when one is a single unit or no amount is given, and is left out, with the reason, when it could be either.
        /// </summary>
        private (decimal? Times, Quantity? Amount) Maximum(Match? max, Quantity? dose, decimal? rangeTop, MeasureUnit unit, Frequency? frequency)
        {
            decimal? times = null;
            Quantity? amount = null;
            if (max is not null)
            {
                var n = Number(max, "n");
                if (IsTimes(max))
                {
                    times = n;
                }
                else if (UnitOf(max) is { } maxUnit)
                {
                    amount = new Quantity(n, maxUnit);
                }
                else if ((dose is null && rangeTop is null) || dose?.Value == 1)
                {
                    times = n;
                }
                else
                {
                    _problems.Add($"the most per day, '{max.Value.Trim()}', could count administrations or {unit.Symbol}s");
                    return (null, null);
                }
            }

            times ??= _upToTimes ?? (_asNeeded && frequency is { Stated: true, Kind: FrequencyKind.PerDay or FrequencyKind.Interval } ? frequency.Times / frequency.Days : null);
            if (amount is not null && times is null && dose is not null && dose.Unit.IsConvertibleTo(amount.Unit) && dose.Value > 0)
            {
                times = amount.ToCanonical().Value / dose.ToCanonical().Value;
            }

            var top = dose?.Value ?? rangeTop;
            if (amount is null && times is not null && top is not null)
            {
                amount = new Quantity(top.Value * times.Value, unit);
            }

            return (times, amount);
        }
    }
}
