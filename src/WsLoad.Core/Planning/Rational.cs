using System.Globalization;

namespace WsLoad.Planning;

/// <summary>
/// An exact non-negative fraction in lowest terms, for cutting the plan into execution segments: with floating point,
/// thirds would not add back up to one and a connection could fall between two segments or into both.
/// </summary>
/// <remarks>Arithmetic is checked: a result that does not fit in a long throws <see cref="OverflowException"/>.</remarks>
internal readonly struct Rational : IEquatable<Rational>, IComparable<Rational>
{
    /// <summary>The largest number of digits read after a decimal point, so that the denominator fits a long.</summary>
    private const int MaxDecimals = 15;

    private readonly long denominatorMinusOne; // so that default(Rational) is 0/1, not 0/0

    public Rational(long numerator, long denominator)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(numerator);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(denominator);
        var gcd = Gcd(numerator, denominator);
        Numerator = numerator / gcd;
        denominatorMinusOne = (denominator / gcd) - 1;
    }

    public static Rational Zero => default;

    public static Rational One => new(1, 1);

    public long Numerator { get; }

    public long Denominator => denominatorMinusOne + 1;

    public static Rational operator +(Rational a, Rational b) =>
        Reduce(((Int128)a.Numerator * b.Denominator) + ((Int128)b.Numerator * a.Denominator), (Int128)a.Denominator * b.Denominator);

    /// <summary>The difference; a negative one throws, as no share of the plan is negative.</summary>
    public static Rational operator -(Rational a, Rational b) =>
        Reduce(((Int128)a.Numerator * b.Denominator) - ((Int128)b.Numerator * a.Denominator), (Int128)a.Denominator * b.Denominator);

    public static bool operator ==(Rational a, Rational b) => a.Equals(b);

    public static bool operator !=(Rational a, Rational b) => !a.Equals(b);

    public static bool operator <(Rational a, Rational b) => a.CompareTo(b) < 0;

    public static bool operator >(Rational a, Rational b) => a.CompareTo(b) > 0;

    public static bool operator <=(Rational a, Rational b) => a.CompareTo(b) <= 0;

    public static bool operator >=(Rational a, Rational b) => a.CompareTo(b) >= 0;

    /// <summary>
    /// Reads a fraction (<c>1/3</c>), a decimal (<c>0.25</c>) or a percentage (<c>25%</c>, <c>12.5%</c>);
    /// surrounding blanks are ignored. Signs and exponents are not accepted: a share is never negative.
    /// </summary>
    /// <exception cref="FormatException">Not one of those forms, a zero denominator, or too large to hold exactly.</exception>
    public static Rational Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        try
        {
            if (trimmed.EndsWith('%'))
            {
                return Times(Decimal(trimmed[..^1], text), new Rational(1, 100));
            }

            var slash = trimmed.IndexOf('/', StringComparison.Ordinal);
            if (slash < 0)
            {
                return Decimal(trimmed, text);
            }

            var denominator = Digits(trimmed[(slash + 1)..], text);
            return denominator == 0
                ? throw new FormatException($"'{text}' divides by zero")
                : new Rational(Digits(trimmed[..slash], text), denominator);
        }
        catch (OverflowException)
        {
            throw new FormatException($"'{text}' is too large to hold exactly; use a simpler fraction");
        }
    }

    public double ToDouble() => (double)Numerator / Denominator;

    public int CompareTo(Rational other) => ((Int128)Numerator * other.Denominator).CompareTo((Int128)other.Numerator * Denominator);

    public bool Equals(Rational other) => Numerator == other.Numerator && Denominator == other.Denominator;

    public override bool Equals(object? obj) => obj is Rational other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Numerator, Denominator);

    /// <summary><c>1/3</c>, or a whole number alone (<c>0</c>, <c>1</c>): the form <see cref="Parse"/> reads back.</summary>
    public override string ToString() =>
        Denominator == 1
            ? Numerator.ToString(CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"{Numerator}/{Denominator}");

    /// <summary>The least common multiple of two denominators.</summary>
    public static long Lcm(long a, long b) => checked(a / Gcd(a, b) * b);

    private static Rational Times(Rational a, Rational b) =>
        Reduce((Int128)a.Numerator * b.Numerator, (Int128)a.Denominator * b.Denominator);

    private static Rational Reduce(Int128 numerator, Int128 denominator)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(numerator);
        var gcd = Int128.Max(1, Gcd(numerator, denominator));
        return new Rational(checked((long)(numerator / gcd)), checked((long)(denominator / gcd)));
    }

    private static Rational Decimal(string text, string original)
    {
        var point = text.IndexOf('.', StringComparison.Ordinal);
        if (point < 0)
        {
            return new Rational(Digits(text, original), 1);
        }

        var decimals = text[(point + 1)..];
        if (decimals.Length > MaxDecimals)
        {
            throw new FormatException($"'{original}' has more than {MaxDecimals} decimals; use a fraction such as 1/3");
        }

        var whole = point == 0 ? 0 : Digits(text[..point], original);
        var scale = (long)Math.Pow(10, decimals.Length);
        var fraction = Digits(decimals, original);
        return new Rational(checked((whole * scale) + fraction), scale);
    }

    private static long Digits(string text, string original) =>
        text.Length > 0 && text.All(char.IsAsciiDigit)
            ? long.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture)
            : throw new FormatException($"'{original}' is not a fraction (1/3), a decimal (0.25) or a percentage (25%)");

    private static long Gcd(long a, long b) => (long)Gcd((Int128)a, b);

    private static Int128 Gcd(Int128 a, Int128 b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return a;
    }
}
