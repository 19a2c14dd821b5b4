package io.h2rec.adapter.out.tensorflow;

import org.bytedeco.javacpp.PointerScope;
import org.tensorflow.internal.c_api.TF_DeviceList;
import org.tensorflow.internal.c_api.TF_Graph;
import org.tensorflow.internal.c_api.TF_Session;
import org.tensorflow.internal.c_api.TF_SessionOptions;
import org.tensorflow.internal.c_api.TF_Status;

import static org.tensorflow.internal.c_api.global.tensorflow.TF_CloseSession;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeleteDeviceList;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeviceListCount;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeviceListName;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeviceListType;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_SessionListDevices;

/**
 * Which device TensorFlow places work on: the devices of an empty session (the C API's list; a
 * traced run, the earlier probe, started TensorFlow's profiler and its log lines). "GPU:0" when the
 * CUDA runtime found a GPU, else "CPU (n threads)".
 */
final class Devices {
    private static volatile String gpu;

    private Devices() {
    }

    static String describe(int threads) {
        String g = gpu();
        return g.isEmpty() ? "CPU (" + threads + " threads)" : g;
    }

    private static String gpu() {
        if (gpu == null) {
            synchronized (Devices.class) {
                if (gpu == null) {
                    gpu = probe();
                }
            }
        }
        return gpu;
    }

    private static String probe() {
        try (PointerScope scope = new PointerScope()) {
            TF_Status status = TF_Status.newStatus();
            TF_Session session = TF_Session.newSession(TF_Graph.newGraph(), TF_SessionOptions.newSessionOptions(), status);
            status.throwExceptionIfNotOK();
            TF_DeviceList devices = TF_SessionListDevices(session, status);
            status.throwExceptionIfNotOK();
            try {
                for (int i = 0; i < TF_DeviceListCount(devices); i++) {
                    if ("GPU".equals(TF_DeviceListType(devices, i, status).getString())) {
                        String name = TF_DeviceListName(devices, i, status).getString(); // /job:.../device:GPU:0
                        return name.substring(name.indexOf("GPU"));
                    }
                }
                return "";
            } finally {
                TF_DeleteDeviceList(devices);
                TF_CloseSession(session, status);
            }
        } catch (RuntimeException e) {
            return "";
        }
    }
}
