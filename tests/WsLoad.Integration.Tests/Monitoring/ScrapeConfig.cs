using System.Globalization;
using System.Text;

namespace WsLoad.Tests.Monitoring;

/// <summary>A Prometheus config scraping loopback targets every second, one job per (name, port).</summary>
internal static class ScrapeConfig
{
    public static string EverySecond(params (string Job, int Port)[] jobs)
    {
        var yaml = new StringBuilder("""
            global:
              scrape_interval: 1s
              scrape_timeout: 1s
            scrape_configs:

            """);
        foreach (var (job, port) in jobs)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"""
                  - job_name: {job}
                    static_configs:
                      - targets: ['127.0.0.1:{port}']

                """);
        }

        return yaml.ToString();
    }
}
