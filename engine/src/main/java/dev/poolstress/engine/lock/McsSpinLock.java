package dev.poolstress.engine.lock;

import dev.poolstress.engine.FreeBlocks;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Queued spinlock ({@code spin-mcs}) after Mellor-Crummey and Scott (1991), the idea inside the kernel's qspinlock:
 * a waiter appends its own node to a queue with one swap and spins on a flag in that node, which its predecessor
 * clears on release. Fair, and each waiter spins on its own cache line, so it scales past a handful of CPUs. Choose
 * it under heavy contention.
 *
 * <p>Nodes come from a small per-thread stack, as the kernel keeps four per CPU for its nesting contexts; a thread
 * must release nested MCS locks in the reverse order of taking them.
 */
public final class McsSpinLock extends IrqSaveLock {
    /** The id it is chosen by and reports under. */
    public static final String ID = "spin-mcs";

    private static final VarHandle TAIL;
    private static final VarHandle NODE_NEXT;
    private static final VarHandle NODE_WAITING;
    private static final ThreadLocal<NodeStack> NODES = ThreadLocal.withInitial(NodeStack::new);

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            TAIL = lookup.findVarHandle(McsSpinLock.class, "tail", Node.class);
            NODE_NEXT = lookup.findVarHandle(Node.class, "next", Node.class);
            NODE_WAITING = lookup.findVarHandle(Node.class, "waiting", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** A waiter's place in the queue. */
    static final class Node {
        volatile Node next;
        volatile boolean waiting;
    }

    /** One thread's nodes; the kernel's per-CPU {@code qnodes}. */
    private static final class NodeStack {
        Node[] nodes = {new Node(), new Node(), new Node(), new Node()};
        int used;

        Node take() {
            if (used == nodes.length) {
                nodes = java.util.Arrays.copyOf(nodes, used * 2);
                for (int i = used; i < nodes.length; i++) {
                    nodes[i] = new Node();
                }
            }
            return nodes[used++];
        }
    }

    @SuppressWarnings("unused") // accessed through TAIL
    private volatile Node tail;
    /** The holder's node: written by the holder after it acquires, read by it on release. */
    private Node holder;

    public McsSpinLock(FreeBlocks blocks) {
        super(blocks, ID);
    }

    @Override
    protected void acquire() {
        Node node = NODES.get().take();
        NODE_NEXT.set(node, (Node) null);
        NODE_WAITING.set(node, true);
        // the swap publishes the node's reset fields to whoever links behind it
        Node predecessor = (Node) TAIL.getAndSet(this, node);
        if (predecessor != null) {
            NODE_NEXT.setRelease(predecessor, node);
            int spins = 0;
            // acquire: the predecessor's release of our flag orders its section before ours
            while ((boolean) NODE_WAITING.getAcquire(node)) {
                spins = SpinWait.pause(spins);
            }
        }
        holder = node;
    }

    @Override
    protected void release() {
        Node node = holder;
        holder = null;
        Node successor = (Node) NODE_NEXT.getAcquire(node);
        if (successor == null) {
            if (TAIL.compareAndSet(this, node, (Node) null)) {
                NODES.get().used--;
                return;
            }
            // NOTE: a successor swapped itself into the tail but has not linked to us yet; wait for the link
            int spins = 0;
            while ((successor = (Node) NODE_NEXT.getAcquire(node)) == null) {
                spins = SpinWait.pause(spins);
            }
        }
        NODE_WAITING.setRelease(successor, false); // release: our section happens-before the successor's
        NODES.get().used--;
    }
}
