"""The tutorial's download-images.py (Corey Schafer, Python/Threading), retold for the benchmark.

As in the tutorial: requests.get(url) fetches the whole body, which is written to a file in the
current folder, and `Finished in <seconds> seconds` is printed at the end, timed with
time.perf_counter() from before the first download. With threads, the downloads go through
ThreadPoolExecutor().map; without, a plain for loop.

Two changes, both so it can run here: the URLs come from a file (argument 1), and the saved name
is the URL's last path segment, since the simulated CDN's fourth `/`-segment is `photos` for
every image (the tutorial's Unsplash URLs have the photo id there). The optional second argument
is `sequential`, `default` (ThreadPoolExecutor() with its default number of workers, as the
tutorial) or a number of workers.
"""

import concurrent.futures
import sys
import time

import requests


def download_image(img_url):
    img_bytes = requests.get(img_url).content
    img_name = img_url.split('/')[-1]
    img_name = f'{img_name}.jpg'
    with open(img_name, 'wb') as img_file:
        img_file.write(img_bytes)
        print(f'{img_name} was downloaded...')


def main():
    with open(sys.argv[1]) as url_file:
        img_urls = [line.strip() for line in url_file if line.strip()]
    workers = sys.argv[2] if len(sys.argv) > 2 else 'default'

    t1 = time.perf_counter()
    if workers == 'sequential':
        for img_url in img_urls:
            download_image(img_url)
    else:
        max_workers = None if workers == 'default' else int(workers)
        with concurrent.futures.ThreadPoolExecutor(max_workers=max_workers) as executor:
            executor.map(download_image, img_urls)
    t2 = time.perf_counter()

    print(f'Finished in {t2 - t1} seconds')


if __name__ == '__main__':
    main()
