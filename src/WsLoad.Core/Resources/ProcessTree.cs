using System.Globalization;

namespace WsLoad.Resources;

/// <summary>
/// The target server as a process and every process under it, read as one: <c>wsload serve --workers N</c> starts
/// its other processes as children, and so do Node's cluster and most pre-forking servers, so the server's CPU and
/// memory are the tree's sum. CPU is a per-process difference from the previous reading; a process that appeared
/// since then counts its whole CPU time (it started within the interval). Threading: one caller at a time.
/// </summary>
internal sealed class ProcessTree
{
    /// <summary>Deep enough for any server; a bound, so a cycle in a bad /proc read cannot loop.</summary>
    private const int MostDepth = 8;

    private readonly int _root;
    private Dictionary<int, ProcessReading> _previous = [];

    public ProcessTree(int root)
    {
        _root = root;
        _previous = ReadAll() ?? [];
    }

    /// <summary>The tree's resources over the <paramref name="seconds"/> since the previous call; null once the root is gone.</summary>
    public ProcessTreeReading? Sample(double seconds)
    {
        if (ReadAll() is not { } current)
        {
            return null;
        }

        double cpuSeconds = 0;
        long rss = 0;
        int threads = 0, openFiles = 0;
        foreach (var (pid, reading) in current)
        {
            cpuSeconds += _previous.TryGetValue(pid, out var before) ? Math.Max(0, reading.CpuSeconds - before.CpuSeconds) : reading.CpuSeconds;
            rss += reading.RssBytes;
            threads += reading.Threads;
            openFiles = openFiles < 0 || reading.OpenFiles < 0 ? -1 : openFiles + reading.OpenFiles;
        }

        _previous = current;
        return new ProcessTreeReading(seconds > 0 ? 100.0 * cpuSeconds / seconds : 0, rss, threads, openFiles, current.Count);
    }

    /// <summary>Every process of the tree by id, or null when the root is gone.</summary>
    private Dictionary<int, ProcessReading>? ReadAll()
    {
        if (ProcStat.ReadProcess(_root) is not { } root)
        {
            return null;
        }

        var readings = new Dictionary<int, ProcessReading> { [_root] = root };
        var level = new List<int> { _root };
        for (var depth = 0; depth < MostDepth && level.Count > 0; depth++)
        {
            var next = new List<int>();
            foreach (var child in level.SelectMany(Children))
            {
                if (!readings.ContainsKey(child) && ProcStat.ReadProcess(child) is { } reading)
                {
                    readings[child] = reading;
                    next.Add(child);
                }
            }

            level = next;
        }

        return readings;
    }

    /// <summary>A process's children, from each of its threads' /proc children list (Linux 3.5 and later).</summary>
    internal static IEnumerable<int> Children(int pid)
    {
        string[] tasks;
        try
        {
            tasks = Directory.GetDirectories($"/proc/{pid}/task");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            yield break;
        }

        foreach (var task in tasks)
        {
            string text;
            try
            {
                text = File.ReadAllText(Path.Combine(task, "children"));
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                continue; // the thread ended, or the kernel has no children file
            }

            foreach (var field in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (int.TryParse(field, NumberStyles.None, CultureInfo.InvariantCulture, out var child))
                {
                    yield return child;
                }
            }
        }
    }
}

/// <summary>A process tree's CPU (% of one core) over an interval, and its summed memory, threads, open files (-1: not readable) and process count.</summary>
internal readonly record struct ProcessTreeReading(double CpuPercent, long RssBytes, int Threads, int OpenFiles, int Processes);
