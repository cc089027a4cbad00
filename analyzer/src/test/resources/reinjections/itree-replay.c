/* Replays Wireshark 4.0's reinjection lookup (packet-tcp.c mptcp_analysis_dsn_lookup) on libwsutil's own
   wmem_itree, to check which overlaps its interval tree reports. Input: frame stream len rawdsn64 dirkey. */
#include <stdio.h>
#include <stdint.h>
typedef struct wmem_allocator_t wmem_allocator_t;
typedef struct wmem_itree_t wmem_itree_t;
typedef struct wmem_list_t wmem_list_t;
typedef struct wmem_list_frame_t wmem_list_frame_t;
extern void wmem_init(void);
extern wmem_allocator_t *wmem_allocator_new(int type);
extern wmem_itree_t *wmem_itree_new(wmem_allocator_t *);
extern void wmem_itree_insert(wmem_itree_t *, uint64_t low, uint64_t high, void *data);
extern wmem_list_t *wmem_itree_find_intervals(wmem_itree_t *, wmem_allocator_t *, uint64_t low, uint64_t high);
extern wmem_list_frame_t *wmem_list_head(const wmem_list_t *);
extern wmem_list_frame_t *wmem_list_frame_next(const wmem_list_frame_t *);
extern void *wmem_list_frame_data(const wmem_list_frame_t *);
#define MAXS 64
int main(int argc, char **argv) {
  wmem_init();
  wmem_allocator_t *a = wmem_allocator_new(0);
  wmem_itree_t *t[MAXS][2] = {{0}};
  static uint64_t naive_lo[200000], naive_hi[200000]; static int naive_s[200000], naive_d[200000]; static long naive_f[200000];
  int n = 0, naive = argc > 1;
  long frame; int stream, len, dir; unsigned long long dsn;
  while (scanf("%ld %d %d %llu %d", &frame, &stream, &len, &dsn, &dir) == 5) {
    if (!t[stream][dir]) t[stream][dir] = wmem_itree_new(a);
    wmem_itree_insert(t[stream][dir], dsn, dsn + (len - 1), (void *)frame);
    naive_lo[n] = dsn; naive_hi[n] = dsn + len - 1; naive_s[n] = stream; naive_d[n] = dir; naive_f[n] = frame; n++;
    int first = 1;
    if (naive) {
      for (int i = 0; i < n - 1; i++) if (naive_d[i] == dir && naive_s[i] != stream && naive_lo[i] <= dsn + len - 1 && naive_hi[i] >= dsn) {
        printf(first ? "%ld\t%ld" : ",%ld", first ? frame : naive_f[i], naive_f[i]); if (first) first = 0; }
    } else {
      for (int s = 0; s < MAXS; s++) {
        if (s == stream || !t[s][dir]) continue;
        wmem_list_t *r = wmem_itree_find_intervals(t[s][dir], a, dsn, dsn + len - 1);
        for (wmem_list_frame_t *it = wmem_list_head(r); it; it = wmem_list_frame_next(it)) {
          long f = (long) wmem_list_frame_data(it);
          if (first) { printf("%ld\t%ld", frame, f); first = 0; } else printf(",%ld", f);
        }
      }
    }
    if (!first) printf("\n");
  }
  return 0;
}
