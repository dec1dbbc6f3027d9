/**
 * Magics: lines such as {@code %classpath lib/*.jar} that the kernel runs itself instead of handing to Java, and
 * cell magics such as {@code %%time}. {@link org.ullsnn.kernel.magic.CellParser} splits a cell into Java blocks and
 * magic lines; each magic is one class ({@link org.ullsnn.kernel.magic.ClasspathMagic},
 * {@link org.ullsnn.kernel.magic.JarsMagic}, {@link org.ullsnn.kernel.magic.TimeMagic},
 * {@link org.ullsnn.kernel.magic.EnvMagic}) reached through {@link org.ullsnn.kernel.magic.Magics}.
 */
package org.ullsnn.kernel.magic;
