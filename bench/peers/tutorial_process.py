# The multiprocessing tutorial's process-images.py (Corey Schafer), with the two changes it
# needs to run here: the image names are those of a folder given on the command line (the
# tutorial lists its 15 in the script), and the results go to a folder given too (the
# tutorial's `processed/`). MODE picks the tutorial's two runs, `sequential` (its for loop) and
# `processes` (its ProcessPoolExecutor()), and `threads` (ThreadPoolExecutor(), where Pillow's
# filter releases the GIL). Usage: tutorial_process.py IN_DIR OUT_DIR MODE
import concurrent.futures
import os
import sys
import time

from PIL import Image, ImageFilter

in_dir, out_dir, mode = sys.argv[1], sys.argv[2], sys.argv[3]
img_names = sorted(
    name for name in os.listdir(in_dir) if name.lower().endswith(('.jpg', '.jpeg'))
)

t1 = time.perf_counter()

size = (1200, 1200)


def process_image(img_name):
    img = Image.open(os.path.join(in_dir, img_name))

    img = img.filter(ImageFilter.GaussianBlur(15))

    img.thumbnail(size)
    img.save(os.path.join(out_dir, img_name))
    print(f'{img_name} was processed...')


if __name__ == '__main__':
    if mode == 'sequential':
        for img_name in img_names:
            process_image(img_name)
    else:
        pool = (
            concurrent.futures.ProcessPoolExecutor
            if mode == 'processes'
            else concurrent.futures.ThreadPoolExecutor
        )
        with pool() as executor:
            executor.map(process_image, img_names)

    t2 = time.perf_counter()

    print(f'Finished in {t2-t1} seconds')
