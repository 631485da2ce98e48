using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;

namespace WsLoad.Tests.Reporting;

/// <summary>
/// Debian's headless Chromium driven through Debian's chromedriver (scripts/test.sh installs both). Quits the browser
/// and the driver process when disposed, pass or fail.
/// </summary>
internal sealed class HeadlessChromium : IDisposable
{
    private const string ChromiumPath = "/usr/bin/chromium";
    private const string DriverPath = "/usr/bin/chromedriver";

    private readonly ChromeDriverService _service;
    private readonly ChromeDriver _driver;

    public HeadlessChromium()
    {
        if (!File.Exists(DriverPath) || !File.Exists(ChromiumPath))
        {
            Assert.Fail($"headless Chromium is needed for the HTML report tests: {DriverPath} or {ChromiumPath} is missing (apt-get install chromium chromium-driver; scripts/test.sh does it)");
        }

        _service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(DriverPath)!, Path.GetFileName(DriverPath));
        _service.SuppressInitialDiagnosticInformation = true;
        _service.HideCommandPromptWindow = true;
        var options = new ChromeOptions { BinaryLocation = ChromiumPath };
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1400,4000", "--hide-scrollbars");
        options.SetLoggingPreference(LogType.Browser, LogLevel.All);
        try
        {
            _driver = new ChromeDriver(_service, options, TimeSpan.FromSeconds(60));
        }
        catch
        {
            _service.Dispose();
            throw;
        }
    }

    public IWebDriver Driver => _driver;

    /// <summary>Opens a local file and waits until the page's script has drawn its charts.</summary>
    public void Open(string path, TimeSpan timeout)
    {
        _driver.Navigate().GoToUrl(new Uri(Path.GetFullPath(path)).AbsoluteUri);
        new WebDriverWait(_driver, timeout).Until(d => d.FindElement(By.TagName("body")).GetAttribute("data-charts-ready") is not null);
    }

    /// <summary>The browser console's SEVERE entries (script errors among them).</summary>
    public IReadOnlyList<string> SevereConsoleEntries() =>
        [.. _driver.Manage().Logs.GetLog(LogType.Browser).Where(e => e.Level >= LogLevel.Severe).Select(e => e.Message)];

    public object? Script(string script, params object[] args) => _driver.ExecuteScript(script, args);

    /// <summary>A PNG of the whole page, beyond the window's height.</summary>
    public void SaveFullPageScreenshot(string path)
    {
        var width = Convert.ToInt64(Script("return document.documentElement.scrollWidth;"), System.Globalization.CultureInfo.InvariantCulture);
        var height = Convert.ToInt64(Script("return document.documentElement.scrollHeight;"), System.Globalization.CultureInfo.InvariantCulture);
        var shot = _driver.ExecuteCdpCommand("Page.captureScreenshot", new Dictionary<string, object?>
        {
            ["format"] = "png",
            ["captureBeyondViewport"] = true,
            ["clip"] = new Dictionary<string, object> { ["x"] = 0, ["y"] = 0, ["width"] = width, ["height"] = height, ["scale"] = 1 },
        });
        var data = shot is Dictionary<string, object?> { } reply && reply["data"] is string png ? png : throw new InvalidOperationException("Chromium returned no screenshot");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, Convert.FromBase64String(data));
    }

    public void Dispose()
    {
        try
        {
            _driver.Quit();
        }
        finally
        {
            _driver.Dispose();
            _service.Dispose();
        }
    }
}
