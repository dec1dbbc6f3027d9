package org.ullsnn.testing;

/** What some tests need from the machine beyond the JDK and Maven; {@link Prerequisites} checks each. */
public enum Prerequisite {
    /** Debian's Jupyter as {@code /usr/bin/python3} sees it: the kernel and notebook integration tests drive it. */
    DEBIAN_JUPYTER("Debian's Jupyter"),
    /** A Jupyter server that {@code environment/lab.sh} starts: {@code .venv}'s JupyterLab or Debian's Notebook. */
    JUPYTER_SERVER("a Jupyter server for environment/lab.sh"),
    /** The real CIFAR files in the directory named by {@code ULLSNN_DATA}. */
    REAL_CIFAR("the real CIFAR data");

    private final String description;

    Prerequisite(String description) {
        this.description = description;
    }

    /** For messages, e.g. {@code "Debian's Jupyter"}. */
    public String description() {
        return description;
    }
}
