// ws-floor: the least a WebSocket echo load can cost on this machine. One thread, one epoll loop, no runtime: it opens
// N connections to a ws:// echo server over a linear ramp, sends each one a masked text frame of SIZE bytes RATE
// times a second on an even schedule, reads the echoes, and prints the process CPU (getrusage) of the ramp and of
// the hold with the messages each received. It does per message what any client must (one send, one epoll wake-up
// share, one read), so its CPU per message is the floor under WsLoad's figure, not a competitor to it: it keeps no
// histogram, checks nothing but the frame length, and stamps nothing.
//
//   cc -O2 -o ws-floor ws-floor.c
//   ws-floor HOST PORT CONNECTIONS RATE SIZE RAMP_S HOLD_S
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

// The send scan touches only these (kept apart from the read buffers, so that it stays in cache).
typedef struct {
  int fd;
  int open;          // upgrade answered
  uint64_t next_ns;  // next send
} conn_t;

typedef struct {
  int buffered;      // bytes in buf
  char buf[1024];
} input_t;

static uint64_t now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (uint64_t)t.tv_sec * 1000000000ull + (uint64_t)t.tv_nsec;
}

static double cpu_s(void) {
  struct rusage u;
  getrusage(RUSAGE_SELF, &u);
  return u.ru_utime.tv_sec + u.ru_utime.tv_usec / 1e6 + u.ru_stime.tv_sec + u.ru_stime.tv_usec / 1e6;
}

static const char *upgrade_fmt =
    "GET / HTTP/1.1\r\nHost: %s:%d\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
    "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";

int main(int argc, char **argv) {
  if (argc != 8) {
    fprintf(stderr, "usage: %s HOST PORT CONNECTIONS RATE SIZE RAMP_S HOLD_S\n", argv[0]);
    return 2;
  }
  const char *host = argv[1];
  int port = atoi(argv[2]), n = atoi(argv[3]), size = atoi(argv[5]);
  double rate = atof(argv[4]), ramp_s = atof(argv[6]), hold_s = atof(argv[7]);
  if (n <= 0 || size <= 0 || size > 125 || rate <= 0) {
    fprintf(stderr, "CONNECTIONS > 0, 0 < SIZE <= 125 (one short frame), RATE > 0\n");
    return 2;
  }
  uint64_t interval = (uint64_t)(1e9 / rate);
  conn_t *c = calloc((size_t)n, sizeof(conn_t));
  input_t *in = calloc((size_t)n, sizeof(input_t));
  int ep = epoll_create1(0);
  struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
  inet_pton(AF_INET, host, &addr.sin_addr);
  char request[512];
  int request_len = snprintf(request, sizeof request, upgrade_fmt, host, port);

  // A masked text frame: header (2 bytes), mask key (4, zero: XOR with zero leaves the payload as it is), payload.
  unsigned char frame[2 + 4 + 125];
  frame[0] = 0x81;
  frame[1] = (unsigned char)(0x80 | size);
  memset(frame + 2, 0, 4);
  memset(frame + 6, 'a', (size_t)size);
  int frame_len = 6 + size;

  uint64_t start = now_ns(), ramp_end = start + (uint64_t)(ramp_s * 1e9), hold_end = ramp_end + (uint64_t)(hold_s * 1e9);
  double cpu_start = cpu_s(), cpu_ramp_end = 0;
  long received = 0, received_hold = 0, sent = 0, opened = 0, errors = 0;
  int in_hold = 0;
  struct epoll_event events[1024];

  for (;;) {
    uint64_t t = now_ns();
    if (!in_hold && t >= ramp_end) {
      in_hold = 1;
      cpu_ramp_end = cpu_s();
    }
    if (t >= hold_end) break;

    // Open the connections the linear ramp has reached (blocking connect on loopback, then non-blocking).
    long due = ramp_s > 0 ? (long)((double)(t - start) / (ramp_s * 1e9) * n) : n;
    if (due > n) due = n;
    while (opened < due) {
      conn_t *k = &c[opened];
      k->fd = socket(AF_INET, SOCK_STREAM, 0);
      int one = 1;
      setsockopt(k->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
      if (connect(k->fd, (struct sockaddr *)&addr, sizeof addr) != 0 || write(k->fd, request, (size_t)request_len) != request_len) {
        errors++;
        close(k->fd);
        k->fd = -1;
      } else {
        struct epoll_event e = {.events = EPOLLIN, .data.u32 = (uint32_t)opened};
        epoll_ctl(ep, EPOLL_CTL_ADD, k->fd, &e);
        // The first send is spread within one interval, as WsLoad spreads them.
        k->next_ns = t + (uint64_t)opened * 7919ull % interval;
      }
      opened++;
    }

    // Send what is due. A linear scan: the floor's own bookkeeping stays cheap next to a syscall per message.
    uint64_t next_wake = t + 1000000ull;
    for (long i = 0; i < opened; i++) {
      conn_t *k = &c[i];
      if (k->fd < 0 || !k->open) continue;
      if (k->next_ns <= t) {
        if (send(k->fd, frame, (size_t)frame_len, MSG_NOSIGNAL) == frame_len) sent++; else errors++;
        k->next_ns += interval;
      }
      if (k->next_ns < next_wake) next_wake = k->next_ns;
    }

    int wait_ms = next_wake > t ? (int)((next_wake - t + 999999ull) / 1000000ull) : 0;
    if (wait_ms < 1) wait_ms = 1;
    int ready = epoll_wait(ep, events, 1024, wait_ms);
    for (int r = 0; r < ready; r++) {
      conn_t *k = &c[events[r].data.u32];
      input_t *b = &in[events[r].data.u32];
      ssize_t got = recv(k->fd, b->buf + b->buffered, sizeof b->buf - (size_t)b->buffered, 0);
      if (got <= 0) {
        if (got < 0 && errno == EAGAIN) continue;
        errors++;
        epoll_ctl(ep, EPOLL_CTL_DEL, k->fd, NULL);
        close(k->fd);
        k->fd = -1;
        continue;
      }
      b->buffered += (int)got;
      int used = 0;
      if (!k->open) {
        char *end = memmem(b->buf, (size_t)b->buffered, "\r\n\r\n", 4);
        if (!end) continue;
        k->open = 1;
        used = (int)(end + 4 - b->buf);
      }
      // Count whole unmasked short frames (the echoes).
      while (b->buffered - used >= 2) {
        int len = b->buf[used + 1] & 0x7f;
        if (b->buffered - used < 2 + len) break;
        used += 2 + len;
        received++;
        if (in_hold) received_hold++;
      }
      memmove(b->buf, b->buf + used, (size_t)(b->buffered - used));
      b->buffered -= used;
    }
  }

  double cpu_end = cpu_s();
  printf("{\"connections\": %d, \"opened\": %ld, \"sent\": %ld, \"received\": %ld, \"receivedHold\": %ld, \"errors\": %ld, "
         "\"cpuRampS\": %.3f, \"cpuHoldS\": %.3f, \"usPerMessageHold\": %.2f, \"usPerMessageAll\": %.2f}\n",
         n, opened, sent, received, received_hold, errors, cpu_ramp_end - cpu_start, cpu_end - cpu_ramp_end,
         received_hold ? (cpu_end - cpu_ramp_end) / (double)received_hold * 1e6 : 0.0,
         received ? (cpu_end - cpu_start) / (double)received * 1e6 : 0.0);
  for (long i = 0; i < opened; i++) {
    if (c[i].fd >= 0) close(c[i].fd);
  }
  free(c);
  free(in);
  return 0;
}
