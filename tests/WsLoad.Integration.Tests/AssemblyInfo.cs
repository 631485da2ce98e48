// Integration tests open thousands of sockets and measure throughput: run them one at a time so they neither starve
// each other of the two cores nor share ephemeral ports.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
