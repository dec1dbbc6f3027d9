/**
 * The Jupyter kernel for Java with the research library preloaded. {@link org.ullsnn.kernel.KernelMain} starts it
 * from a kernelspec that {@link org.ullsnn.kernel.KernelSpec} writes ({@code ullsnn kernel install});
 * {@link org.ullsnn.kernel.Kernel} answers the protocol's requests; cells see the small static facade
 * {@link org.ullsnn.kernel.Notebook} ({@code display}, {@code progress()}, ...), imported with the library's
 * packages by {@code kernel/startup.jsh}. Sub-packages: {@code wire} (sockets and signatures), {@code shell}
 * (JShell), {@code output} (streams, displays, renderers), {@code magic} (magics).
 */
package org.ullsnn.kernel;
