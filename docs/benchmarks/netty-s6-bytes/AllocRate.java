import com.sun.management.ThreadMXBean;
import com.sun.tools.attach.VirtualMachine;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/** Bytes allocated by a JVM's threads whose names start with a prefix, sampled: prints the rate per window. */
public class AllocRate {
  public static void main(String[] args) throws Exception {
    String pid = args[0];
    String prefix = args[1];
    int windowSeconds = Integer.parseInt(args[2]);
    int windows = Integer.parseInt(args[3]);
    VirtualMachine vm = VirtualMachine.attach(pid);
    String address = vm.startLocalManagementAgent();
    try (JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(address))) {
      MBeanServerConnection server = connector.getMBeanServerConnection();
      ThreadMXBean threads = ManagementFactory.newPlatformMXBeanProxy(server, "java.lang:type=Threading", ThreadMXBean.class);
      long last = total(threads, prefix);
      long lastNanos = System.nanoTime();
      for (int i = 0; i < windows; i++) {
        Thread.sleep(windowSeconds * 1000L);
        long now = total(threads, prefix);
        long nanos = System.nanoTime();
        System.out.printf("%d %.0f%n", i, (now - last) / ((nanos - lastNanos) / 1e9));
        last = now;
        lastNanos = nanos;
      }
    }
    vm.detach();
  }

  private static long total(ThreadMXBean threads, String prefix) {
    long[] ids = threads.getAllThreadIds();
    ThreadInfo[] infos = threads.getThreadInfo(ids);
    long[] allocated = threads.getThreadAllocatedBytes(ids);
    long sum = 0;
    for (int i = 0; i < ids.length; i++) {
      if (infos[i] != null && infos[i].getThreadName().startsWith(prefix) && allocated[i] > 0) {
        sum += allocated[i];
      }
    }
    return sum;
  }
}
