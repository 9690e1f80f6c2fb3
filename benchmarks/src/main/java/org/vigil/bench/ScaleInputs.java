package org.vigil.bench;

/**
 * Deterministic generated inputs of a chosen size, in the exact grammar of the real fixtures
 * (test-fixtures/), so the strict parsers accept them. Each method cycles through a small mix of
 * states taken verbatim from fixtures; only names, minors and counters vary with the index.
 */
public final class ScaleInputs {
  private ScaleInputs() {}

  /** DRBD 8.4 /proc/drbd with {@code minors} minors (0 .. minors-1). */
  public static String procDrbd(int minors) {
    StringBuilder sb = new StringBuilder(minors * 200 + 200);
    sb.append("version: 8.4.11-1 (api:1/proto:86-101)\n")
        .append("GIT-hash: 0de839cee13a4160eed6037c4bddd066645e23c5 build by root@node-a,"
            + " 2018-11-05 12:33:41\n");
    for (int m = 0; m < minors; m++) {
      long k = m + 1L;
      String minor = m < 10 ? " " + m : Integer.toString(m);
      switch (m % 10) {
        case 7 -> sb.append(minor).append(": cs:SyncSource ro:Primary/Secondary"
                + " ds:UpToDate/Inconsistent C r-----\n")
            .append("    ns:").append(2893312 + k).append(" nr:0 dw:").append(1220112 + k)
            .append(" dr:").append(2910544 + k)
            .append(" al:304 bm:177 lo:0 pe:0 ua:0 ap:0 ep:1 wo:f oos:1048576\n")
            .append("\t[==============>.....] sync'ed: 75.1% (1048576/4194304)K\n")
            .append("\tfinish: 0:00:17 speed: 60,172 (51,448) want: 61,440 K/sec\n");
        case 8 -> sb.append(minor).append(": cs:SyncTarget ro:Secondary/Primary"
                + " ds:Inconsistent/UpToDate C r-----\n")
            .append("    ns:0 nr:").append(258064 + k).append(" dw:").append(258048 + k)
            .append(" dr:0 al:0 bm:15 lo:0 pe:0 ua:4 ap:0 ep:1 wo:f oos:1839104\n")
            .append("\t[=>..................] sync'ed: 12.5% (1839104/2097152)K\n")
            .append("\tfinish: 0:00:30 speed: 60,172 (51,448) want: 61,440 K/sec\n");
        case 9 -> sb.append(minor).append(": cs:WFConnection ro:Primary/Unknown"
                + " ds:UpToDate/DUnknown C r-----\n")
            .append("    ns:").append(31022440 + k).append(" nr:0 dw:").append(31604096 + k)
            .append(" dr:").append(2210404 + k)
            .append(" al:4410 bm:1877 lo:0 pe:0 ua:0 ap:0 ep:1 wo:f oos:581632\n");
        default -> {
          boolean primary = m % 2 == 0;
          sb.append(minor).append(primary
                  ? ": cs:Connected ro:Primary/Secondary"
                  : ": cs:Connected ro:Secondary/Primary")
              .append(" ds:UpToDate/UpToDate C r-----\n")
              .append("    ns:").append(primary ? 1000 * k : 0).append(" nr:")
              .append(primary ? 0 : 1000 * k).append(" dw:").append(1000 * k)
              .append(" dr:").append(primary ? 3000 * k : 0)
              .append(" al:12 bm:3 lo:0 pe:0 ua:0 ap:0 ep:1 wo:f oos:0\n");
        }
      }
    }
    return sb.toString();
  }

  private static final String[] PEERS = {"node-b", "node-c", "node-d"};

  /**
   * {@code drbdsetup status --json} with {@code resources} resources (r0 ..), each one volume
   * and three peers; every tenth resource resyncs to its first peer, every tenth is a Secondary.
   */
  public static String statusJson(int resources) {
    StringBuilder sb = new StringBuilder(resources * 2600 + 8);
    sb.append("[\n");
    for (int r = 0; r < resources; r++) {
      if (r > 0) {
        sb.append(",\n");
      }
      boolean resync = r % 10 == 3;
      boolean secondary = r % 10 == 6;
      sb.append("{\n")
          .append("  \"name\": \"r").append(r).append("\",\n")
          .append("  \"node-id\": 0,\n")
          .append("  \"role\": \"").append(secondary ? "Secondary" : "Primary").append("\",\n")
          .append("  \"suspended\": false,\n")
          .append("  \"suspended-user\": false,\n")
          .append("  \"suspended-no-data\": false,\n")
          .append("  \"suspended-fencing\": false,\n")
          .append("  \"suspended-quorum\": false,\n")
          .append("  \"write-ordering\": \"flush\",\n")
          .append("  \"devices\": [\n")
          .append("    {\n")
          .append("      \"volume\": 0,\n")
          .append("      \"minor\": ").append(1000 + r).append(",\n")
          .append("      \"disk-state\": \"UpToDate\",\n")
          .append("      \"client\": false,\n")
          .append("      \"quorum\": true,\n")
          .append("      \"size\": 10485404,\n")
          .append("      \"read\": ").append(4820112 + r).append(",\n")
          .append("      \"written\": ").append(9920448 + r).append(",\n")
          .append("      \"al-writes\": 2204,\n")
          .append("      \"bm-writes\": 0,\n")
          .append("      \"upper-pending\": 0,\n")
          .append("      \"lower-pending\": 0\n")
          .append("    } ],\n")
          .append("  \"connections\": [\n");
      for (int p = 0; p < PEERS.length; p++) {
        boolean syncing = resync && p == 0;
        sb.append("    {\n")
            .append("      \"peer-node-id\": ").append(p + 1).append(",\n")
            .append("      \"name\": \"").append(PEERS[p]).append("\",\n")
            .append("      \"connection-state\": \"Connected\", \n")
            .append("      \"congested\": false,\n")
            .append("      \"peer-role\": \"")
            .append(secondary && p == 0 ? "Primary" : "Secondary").append("\",\n")
            .append("      \"ap-in-flight\": 0,\n")
            .append("      \"rs-in-flight\": ").append(syncing ? 524288 : 0).append(",\n")
            .append("      \"peer_devices\": [\n")
            .append("        {\n")
            .append("          \"volume\": 0,\n");
        if (syncing) {
          sb.append("          \"replication-state\": \"SyncSource\",\n")
              .append("          \"peer-disk-state\": \"Inconsistent\",\n")
              .append("          \"peer-client\": false,\n")
              .append("          \"resync-suspended\": \"no\",\n")
              .append("          \"received\": 0,\n")
              .append("          \"sent\": 7863964,\n")
              .append("          \"out-of-sync\": 2621440,\n")
              .append("          \"pending\": 4,\n")
              .append("          \"unacked\": 0,\n")
              .append("          \"has-sync-details\": true,\n")
              .append("          \"has-online-verify-details\": false,\n")
              .append("          \"percent-in-sync\": 75.00,\n")
              .append("          \"rs-total\": 20970808,\n")
              .append("          \"rs-dt-start-ms\": 131000,\n")
              .append("          \"rs-paused-ms\": 0,\n")
              .append("          \"rs-dt0-ms\": 3000,\n")
              .append("          \"rs-db0-sectors\": 361032,\n")
              .append("          \"rs-dt1-ms\": 3000,\n")
              .append("          \"rs-db1-sectors\": 361032,\n")
              .append("          \"rs-failed\": 0,\n")
              .append("          \"rs-same-csum\": 0,\n")
              .append("          \"want\": 0.00,\n")
              .append("          \"db0/dt0 [MiB/s]\": 58.76,\n")
              .append("          \"db1/dt1 [MiB/s]\": 58.76,\n")
              .append("          \"estimated-seconds-to-finish\": 44,\n")
              .append("          \"db/dt [MiB/s]\": 58.62,\n")
              .append("          \"percent-resync-done\": 75.00\n");
        } else {
          sb.append("          \"replication-state\": \"Established\",\n")
              .append("          \"peer-disk-state\": \"UpToDate\",\n")
              .append("          \"peer-client\": false,\n")
              .append("          \"resync-suspended\": \"no\",\n")
              .append("          \"received\": 0,\n")
              .append("          \"sent\": ").append(9920448 + r).append(",\n")
              .append("          \"out-of-sync\": 0,\n")
              .append("          \"pending\": 0,\n")
              .append("          \"unacked\": 0,\n")
              .append("          \"has-sync-details\": false,\n")
              .append("          \"has-online-verify-details\": false,\n")
              .append("          \"percent-in-sync\": 100.00\n");
        }
        sb.append("        } ]\n")
            .append(p == PEERS.length - 1 ? "    } ]\n" : "    },\n");
      }
      sb.append("}\n");
    }
    sb.append("]\n");
    return sb.toString();
  }

  /** A block device name sd{letters} for a running index (sda .. sdz, sdaa ..). */
  static String disk(int index) {
    StringBuilder letters = new StringBuilder();
    int i = index;
    do {
      letters.insert(0, (char) ('a' + i % 26));
      i = i / 26 - 1;
    } while (i >= 0);
    return "sd" + letters;
  }

  /**
   * /proc/mdstat with {@code arrays} arrays (md0 ..): raid1 with bitmap, raid5 of four disks,
   * a raid1 recovering onto a replaced disk and a raid5 resyncing, in turn.
   */
  public static String mdstat(int arrays) {
    StringBuilder sb = new StringBuilder(arrays * 260 + 100);
    sb.append("Personalities : [raid1] [raid6] [raid5] [raid4] \n");
    int d = 0;
    for (int a = 0; a < arrays; a++) {
      String md = "md" + a;
      switch (a % 4) {
        case 0 -> {
          sb.append(md).append(" : active raid1 ").append(disk(d + 1)).append("1[1] ")
              .append(disk(d)).append("1[0]\n")
              .append("      976630464 blocks super 1.2 [2/2] [UU]\n")
              .append("      bitmap: 0/8 pages [0KB], 65536KB chunk\n\n");
          d += 2;
        }
        case 1 -> {
          sb.append(md).append(" : active raid5 ");
          for (int m = 3; m >= 0; m--) {
            sb.append(disk(d + m)).append("1[").append(m).append("] ");
          }
          sb.setLength(sb.length() - 1);
          sb.append("\n      2929890816 blocks super 1.2 level 5, 512k chunk, algorithm 2"
                  + " [4/4] [UUUU]\n")
              .append("      bitmap: 4/8 pages [16KB], 65536KB chunk\n\n");
          d += 4;
        }
        case 2 -> {
          sb.append(md).append(" : active raid1 ").append(disk(d)).append("1[2] ")
              .append(disk(d + 1)).append("1[1]\n")
              .append("      208704 blocks [2/1] [_U]\n")
              .append("      [>....................]  recovery =  0.4% (1024/208704)"
                  + " finish=276.9min speed=12K/sec\n\n");
          d += 2;
        }
        default -> {
          sb.append(md).append(" : active raid5 ");
          for (int m = 4; m >= 0; m--) {
            sb.append(disk(d + m)).append("1[").append(m).append("] ");
          }
          sb.setLength(sb.length() - 1);
          sb.append("\n      3906762752 blocks super 1.2 level 5, 512k chunk, algorithm 2"
                  + " [5/5] [UUUUU]\n")
              .append("      [=>...................]  resync =  5.1% (100071424/976690688)"
                  + " finish=152.4min speed=202611K/sec\n")
              .append("      bitmap: 1/8 pages [4KB], 65536KB chunk\n\n");
          d += 5;
        }
      }
    }
    sb.append("unused devices: <none>\n");
    return sb.toString();
  }

  private static final String[] AGENTS = {"ocf:heartbeat:IPaddr2", "ocf:heartbeat:Filesystem",
      "ocf:heartbeat:apache", "systemd:postgresql", "ocf:pacemaker:Dummy"};

  /**
   * {@code crm_mon --output-as=xml} (api-version 2.25, as Pacemaker 2.1.5 prints it) of a cluster
   * of {@code nodes} nodes running {@code resources} primitives: a fencing device, then groups of
   * four and single primitives spread round-robin over the nodes; every 97th primitive is
   * disabled (stopped, target-role Stopped). node_history lists every 10th primitive on its
   * node, every 50th with a fail-count of 1 (a warning); failures holds those primitives' failed
   * monitors.
   */
  public static String crmMon(int nodes, int resources) {
    String[] node = new String[nodes];
    int[] running = new int[nodes];
    String[] id = new String[resources];
    int[] on = new int[resources];
    boolean[] stopped = new boolean[resources];
    for (int r = 0; r < resources; r++) {
      // a group runs on one node: its members follow its first
      on[r] = inGroup(r, resources) ? (r - r % 10 + 1) % nodes : r % nodes;
      stopped[r] = r % 97 == 96;
      id[r] = r == 0 ? "fence-ipmi" : "rsc" + r;
      if (!stopped[r]) {
        running[on[r]]++;
      }
    }
    for (int n = 0; n < nodes; n++) {
      node[n] = String.format("node%02d", n + 1);
    }
    StringBuilder sb = new StringBuilder(resources * 520 + nodes * 400 + 2000);
    sb.append("<pacemaker-result api-version=\"2.25\" request=\"crm_mon --output-as=xml\">\n")
        .append("  <summary>\n")
        .append("    <stack type=\"corosync\" pacemakerd-state=\"running\"/>\n")
        .append("    <current_dc present=\"true\" version=\"2.1.5-a3f44794f94\" name=\"")
        .append(node[0]).append("\" id=\"1\" with_quorum=\"true\" mixed_version=\"false\"/>\n")
        .append("    <last_update time=\"Tue Jan  6 10:00:00 2026\" origin=\"").append(node[0])
        .append("\"/>\n")
        .append("    <last_change time=\"Tue Jan  6 09:00:00 2026\" user=\"root\""
            + " client=\"cibadmin\" origin=\"").append(node[0]).append("\"/>\n")
        .append("    <nodes_configured number=\"").append(nodes).append("\"/>\n")
        .append("    <resources_configured number=\"").append(resources)
        .append("\" disabled=\"").append(countTrue(stopped)).append("\" blocked=\"0\"/>\n")
        .append("    <cluster_options stonith-enabled=\"true\" symmetric-cluster=\"true\""
            + " no-quorum-policy=\"stop\" maintenance-mode=\"false\""
            + " stop-all-resources=\"false\" stonith-timeout-ms=\"60000\""
            + " priority-fencing-delay-ms=\"0\"/>\n")
        .append("  </summary>\n")
        .append("  <nodes>\n");
    for (int n = 0; n < nodes; n++) {
      sb.append("    <node name=\"").append(node[n]).append("\" id=\"").append(n + 1)
          .append("\" online=\"true\" standby=\"false\" standby_onfail=\"false\""
              + " maintenance=\"false\" pending=\"false\" unclean=\"false\" health=\"green\""
              + " feature_set=\"3.16.2\" shutdown=\"false\" expected_up=\"true\" is_dc=\"")
          .append(n == 0).append("\" resources_running=\"").append(running[n])
          .append("\" type=\"member\"/>\n");
    }
    sb.append("  </nodes>\n")
        .append("  <resources>\n");
    int r = 0;
    while (r < resources) {
      // after the fencing device, blocks of ten: a group of four, then six single primitives
      if (r % 10 == 1 && inGroup(r, resources)) {
        sb.append("    <group id=\"grp").append(r / 10).append("\" number_resources=\"4\""
            + " maintenance=\"false\" managed=\"true\" disabled=\"false\">\n");
        for (int m = 0; m < 4; m++, r++) {
          primitive(sb, "      ", id[r], r, stopped[r], node, on[r]);
        }
        sb.append("    </group>\n");
      } else {
        primitive(sb, "    ", id[r], r, stopped[r], node, on[r]);
        r++;
      }
    }
    sb.append("  </resources>\n");
    if (resources >= 10) {
      sb.append("  <node_history>\n");
      for (int n = 0; n < nodes; n++) {
        boolean open = false;
        for (int p = 0; p < resources; p += 10) {
          if (on[p] != n || stopped[p]) {
            continue;
          }
          if (!open) {
            sb.append("    <node name=\"").append(node[n]).append("\">\n");
            open = true;
          }
          boolean failed = p % 50 == 20;
          sb.append("      <resource_history id=\"").append(id[p])
              .append("\" orphan=\"false\" migration-threshold=\"1000000\"")
              .append(failed ? " fail-count=\"1\" last-failure=\"Tue Jan  6 09:30:00 2026\""
                  : "").append(">\n")
              .append("        <operation_history call=\"").append(2 * p + 10)
              .append("\" task=\"start\" rc=\"0\" rc_text=\"ok\""
                  + " last-rc-change=\"Tue Jan  6 09:00:00 2026\" exec-time=\"120ms\""
                  + " queue-time=\"0ms\"/>\n")
              .append("        <operation_history call=\"").append(2 * p + 11)
              .append("\" task=\"monitor\" rc=\"0\" rc_text=\"ok\" interval=\"10000ms\""
                  + " last-rc-change=\"Tue Jan  6 09:00:01 2026\" exec-time=\"20ms\""
                  + " queue-time=\"0ms\"/>\n")
              .append("      </resource_history>\n");
        }
        if (open) {
          sb.append("    </node>\n");
        }
      }
      sb.append("  </node_history>\n");
      sb.append("  <failures>\n");
      for (int p = 20; p < resources; p += 50) {
        if (stopped[p]) {
          continue;
        }
        sb.append("    <failure op_key=\"").append(id[p]).append("_monitor_10000\" node=\"")
            .append(node[on[p]]).append("\" exitstatus=\"not running\" exitreason=\"none\""
                + " exitcode=\"7\" call=\"").append(2 * p + 11)
            .append("\" status=\"complete\" last-rc-change=\"2026-01-06 09:30:00Z\""
                + " queued=\"0\" exec=\"0\" interval=\"10000\" task=\"monitor\"/>\n");
      }
      sb.append("  </failures>\n");
    }
    sb.append("  <status code=\"0\" message=\"OK\"/>\n")
        .append("</pacemaker-result>\n");
    return sb.toString();
  }

  private static void primitive(StringBuilder sb, String indent, String id, int r,
      boolean stopped, String[] node, int on) {
    String agent = r == 0 ? "stonith:fence_ipmilan" : AGENTS[r % AGENTS.length];
    sb.append(indent).append("<resource id=\"").append(id).append("\" resource_agent=\"")
        .append(agent).append("\" role=\"").append(stopped ? "Stopped" : "Started")
        .append(stopped ? "\" target_role=\"Stopped" : "")
        .append("\" active=\"").append(!stopped)
        .append("\" orphaned=\"false\" blocked=\"false\" maintenance=\"false\" managed=\"true\""
            + " failed=\"false\" failure_ignored=\"false\" nodes_running_on=\"")
        .append(stopped ? 0 : 1);
    if (stopped) {
      sb.append("\"/>\n");
      return;
    }
    sb.append("\">\n")
        .append(indent).append("  <node name=\"").append(node[on]).append("\" id=\"")
        .append(on + 1).append("\" cached=\"true\"/>\n")
        .append(indent).append("</resource>\n");
  }

  /** After the fencing device, blocks of ten start with a group of four, when it fits. */
  private static boolean inGroup(int r, int resources) {
    int first = r - r % 10 + 1;
    return r > 0 && r % 10 >= 1 && r % 10 <= 4 && first + 4 <= resources;
  }

  private static int countTrue(boolean[] values) {
    int n = 0;
    for (boolean v : values) {
      n += v ? 1 : 0;
    }
    return n;
  }
}
