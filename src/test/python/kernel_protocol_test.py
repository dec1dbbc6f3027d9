"""The Jupyter protocol checks of jupyter_kernel_test, every one of them enabled, against the ULL-SNN Java kernel.

Run by KernelProtocolIT with the kernelspec it installs: KERNEL_IT_NAME names it, JUPYTER_PATH finds it.
"""
import os
import unittest

import jupyter_kernel_test
from jupyter_client.manager import start_new_kernel

CHART = ('QuickChart.getChart("loss", "epoch", "loss", "train", new double[] {1, 2, 3}, '
         'new double[] {0.9, 0.5, 0.3})')


class UllsnnKernelTests(jupyter_kernel_test.KernelTests):
    kernel_name = os.environ["KERNEL_IT_NAME"]

    @classmethod
    def setUpClass(cls):
        """As KernelTests does, with the kernel's own log sent to a file so that this report stays clean."""
        cls.kernel_log = open(os.environ["KERNEL_IT_LOG"], "a")
        cls.km, cls.kc = start_new_kernel(kernel_name=cls.kernel_name, stdout=cls.kernel_log,
                                          stderr=cls.kernel_log)

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        cls.kernel_log.close()

    language_name = "java"
    file_extension = ".jshell"

    code_hello_world = 'System.out.println("hello, world");'
    code_stderr = 'System.err.println("written to stderr");'

    completion_samples = [
        {"text": "Math.ab", "matches": {"abs(", "absExact("}},
        {"text": "SyntheticImages.sma", "matches": {"small("}},
        {"text": "%cla", "matches": {"%classpath"}},
    ]

    complete_code_samples = ["1 + 1", "int x = 3;", "for (int i = 0; i < 3; i++) { }", "%time 1 + 1"]
    incomplete_code_samples = ["for (int i = 0; i < 3; i++) {", "int y = (1 +", "class A {"]
    invalid_code_samples = ["}", "%no_such_magic"]

    code_page_something = 'page("ULL-SNN Lab: converting deep networks into spiking networks");'

    code_generate_error = 'throw new IllegalStateException("boom");'

    code_execute_result = [
        {"code": "6 * 7", "result": "42"},
        {"code": '"ULL" + "-SNN"', "result": "ULL-SNN"},
        {"code": 'Table.create("t", IntColumn.create("a", 1, 2))', "mime": "text/html"},
        {"code": CHART, "mime": "image/png"},
        {"code": "new java.awt.image.BufferedImage(8, 8, java.awt.image.BufferedImage.TYPE_INT_RGB)",
         "mime": "image/png"},
        {"code": 'markdown("**spikes**")', "mime": "text/markdown"},
        {"code": 'latex("\\\\theta = \\\\mu / T")', "mime": "text/latex"},
    ]

    code_display_data = [
        {"code": 'display(html("<b>shown</b>"));', "mime": "text/html"},
        {"code": "display(" + CHART + ");", "mime": "image/png"},
    ]

    code_history_pattern = "6 ?*"
    supported_history_operations = ("tail", "range", "search")

    code_inspect_sample = "SyntheticImages.generate("

    code_clear_output = "clearOutput();"

    def test_every_check_is_enabled(self):
        """Every check of KernelTests has its sample attribute set here, so none of them is passed over."""
        samples = ["language_name", "file_extension", "code_hello_world", "code_stderr", "completion_samples",
                   "complete_code_samples", "incomplete_code_samples", "invalid_code_samples",
                   "code_page_something", "code_generate_error", "code_execute_result", "code_display_data",
                   "code_history_pattern", "supported_history_operations", "code_inspect_sample",
                   "code_clear_output"]
        missing = [s for s in samples if not getattr(self, s)]
        self.assertEqual([], missing)
        checks = sorted(n for n in dir(jupyter_kernel_test.KernelTests) if n.startswith("test_"))
        self.assertEqual(checks, ["test_clear_output", "test_completion", "test_display_data", "test_error",
                                  "test_execute_result", "test_execute_stderr", "test_execute_stdout",
                                  "test_history", "test_inspect", "test_is_complete", "test_kernel_info",
                                  "test_pager"],
                         "jupyter_kernel_test offers checks this file does not know about")


if __name__ == "__main__":
    unittest.main(verbosity=2)
