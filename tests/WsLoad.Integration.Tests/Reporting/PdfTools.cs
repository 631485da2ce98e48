using System.Diagnostics;
using SkiaSharp;

namespace WsLoad.Tests.Reporting;

/// <summary>
/// poppler-utils (pdftoppm, pdftotext, pdffonts) run on a PDF, each bounded by a timeout and killed when it passes it.
/// A missing tool fails the test with what to install.
/// </summary>
internal static class PdfTools
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>Renders every page to PNG at 50 dpi into <paramref name="folder"/> (emptied first); returns the page images in page order.</summary>
    public static async Task<string[]> RenderPagesAsync(string pdf, string folder, CancellationToken cancellationToken)
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        Directory.CreateDirectory(folder);
        await RunAsync("pdftoppm", ["-r", "50", "-png", pdf, Path.Combine(folder, "page")], cancellationToken);
        return [.. Directory.GetFiles(folder, "page-*.png").Order(StringComparer.Ordinal)];
    }

    /// <summary>The text of the PDF (or of pages <paramref name="first"/> to <paramref name="last"/>), laid out as on the page.</summary>
    public static Task<string> TextAsync(string pdf, CancellationToken cancellationToken, int? first = null, int? last = null) =>
        RunAsync("pdftotext", [.. first is { } f ? new[] { "-f", $"{f}" } : [], .. last is { } l ? new[] { "-l", $"{l}" } : [], "-layout", pdf, "-"], cancellationToken);

    public static Task<string> FontsAsync(string pdf, CancellationToken cancellationToken) => RunAsync("pdffonts", [pdf], cancellationToken);

    /// <summary>The share of pixels that are not (near) white.</summary>
    public static double InkShare(string png)
    {
        using var bitmap = SKBitmap.Decode(png) ?? throw new InvalidOperationException($"{png} is not an image");
        var pixels = bitmap.Pixels;
        long ink = 0;
        foreach (var pixel in pixels)
        {
            if (pixel.Red < 240 || pixel.Green < 240 || pixel.Blue < 240)
            {
                ink++;
            }
        }

        return (double)ink / pixels.Length;
    }

    private static async Task<string> RunAsync(string tool, string[] args, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"{tool} is missing ({e.Message}): install Debian's poppler-utils (scripts/test.sh does).", e);
        }

        using (process)
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            timeout.CancelAfter(Timeout);
            var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var error = process.StandardError.ReadToEndAsync(timeout.Token);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{tool} {string.Join(' ', args)} did not finish within {Timeout.TotalSeconds} s; killed.");
            }

            var text = await output;
            Assert.True(process.ExitCode == 0, $"{tool} {string.Join(' ', args)} exited {process.ExitCode}: {await error}");
            return text;
        }
    }
}
